import { X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { DebouncedTextField } from '@/components/ui/debounced-text-field';
import { SelectField } from '@/components/ui/select-field';
import { useUsers } from '@/lib/directory/use-users';
import { listSorts, SEARCH_MIN } from '../api/contact-types';
import type { ContactFilters } from '../api/use-contacts';

export interface ListToolbarProps {
  values: ContactFilters;
  onChange(patch: Partial<ContactFilters>): void;
  onReset(): void;
  isFiltered: boolean;
}

/** Search, owner and sort of the contact and company lists, kept in the URL. */
export function ListToolbar({ values, onChange, onReset, isFiltered }: ListToolbarProps) {
  const { t } = useTranslation();
  const { users } = useUsers();
  return (
    <div className="toolbar" role="group" aria-label={t('leads.filters.label')}>
      <DebouncedTextField
        label={t('leads.filters.search')}
        type="search"
        fieldClassName="field--search"
        value={values.q}
        onCommit={(q) => onChange({ q })}
        hintFor={(draft) =>
          draft.trim().length > 0 && draft.trim().length < SEARCH_MIN ? t('leads.filters.searchMin', { count: SEARCH_MIN }) : undefined
        }
      />
      <SelectField
        label={t('leads.filters.owner')}
        placeholder={t('leads.filters.anyOwner')}
        value={values.ownerId}
        onChange={(event) => onChange({ ownerId: event.target.value })}
        options={users.map((user) => ({ value: user.id, label: user.displayName }))}
      />
      <SelectField
        label={t('leads.filters.sort')}
        value={values.sort}
        onChange={(event) => onChange({ sort: event.target.value })}
        options={listSorts.map((sort) => ({ value: sort, label: t(`leads.sort.${sort}`) }))}
      />
      {isFiltered && (
        <Button variant="ghost" onClick={onReset} icon={<X size={16} aria-hidden />}>
          {t('common.clearFilters')}
        </Button>
      )}
    </div>
  );
}
