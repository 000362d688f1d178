import { X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/select-field';
import { DebouncedTextField } from '@/components/ui/debounced-text-field';
import { TextField } from '@/components/ui/text-field';
import { useUsers } from '@/lib/directory/use-users';
import { leadSorts, SEARCH_MIN, type LeadFilterValues } from '../api/lead-filters';
import { leadSources, leadStatuses } from '../api/lead-types';

export interface LeadsFilterBarProps {
  values: LeadFilterValues;
  onChange(patch: Partial<Record<keyof LeadFilterValues, string>>): void;
  onReset(): void;
  isFiltered: boolean;
}

/** Filters, search and sort of the lead list; every change lands in the URL (the search after a pause in typing). */
export function LeadsFilterBar({ values, onChange, onReset, isFiltered }: LeadsFilterBarProps) {
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
        label={t('leads.filters.status')}
        placeholder={t('leads.filters.anyStatus')}
        value={values.status}
        onChange={(event) => onChange({ status: event.target.value })}
        options={[
          ...leadStatuses.map((status) => ({ value: status, label: t(`leads.status.${status}`) })),
          { value: 'new,contacted,qualified', label: t('leads.filters.open') },
        ]}
      />
      <SelectField
        label={t('leads.filters.source')}
        placeholder={t('leads.filters.anySource')}
        value={values.source}
        onChange={(event) => onChange({ source: event.target.value })}
        options={leadSources.map((source) => ({ value: source, label: t(`leads.source.${source}`) }))}
      />
      <SelectField
        label={t('leads.filters.owner')}
        placeholder={t('leads.filters.anyOwner')}
        value={values.ownerId}
        onChange={(event) => onChange({ ownerId: event.target.value })}
        options={users.map((user) => ({ value: user.id, label: user.displayName }))}
      />
      <DebouncedTextField
        label={t('leads.filters.tags')}
        value={values.tags}
        placeholder="vip,investor"
        delayMs={600}
        onCommit={(tags) => onChange({ tags: tags.replace(/\s*,\s*/g, ',').trim() })}
      />
      <TextField
        label={t('leads.filters.createdFrom')}
        type="date"
        value={values.createdFrom}
        onChange={(event) => onChange({ createdFrom: event.target.value })}
      />
      <TextField
        label={t('leads.filters.createdTo')}
        type="date"
        value={values.createdTo}
        min={values.createdFrom || undefined}
        onChange={(event) => onChange({ createdTo: event.target.value })}
      />
      <SelectField
        label={t('leads.filters.sort')}
        value={values.sort}
        onChange={(event) => onChange({ sort: event.target.value })}
        options={leadSorts.map((sort) => ({ value: sort, label: t(`leads.sort.${sort}`) }))}
      />
      {isFiltered && (
        <Button variant="ghost" onClick={onReset} icon={<X size={16} aria-hidden />}>
          {t('common.clearFilters')}
        </Button>
      )}
    </div>
  );
}
