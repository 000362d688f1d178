import { X } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useUsers } from '@/lib/directory/use-users';
import { Button } from './button';
import { DebouncedTextField } from './debounced-text-field';
import { SelectField } from './select-field';

export interface FilterBarProps {
  /** Shows "Clear filters" (which calls onReset) when something differs from the defaults. */
  isFiltered: boolean;
  onReset(): void;
  children: ReactNode;
}

/** The filters of a list: a labelled group of fields, and "Clear filters" when any is set. */
export function FilterBar({ isFiltered, onReset, children }: FilterBarProps) {
  const { t } = useTranslation();
  return (
    <div className="toolbar" role="group" aria-label={t('leads.filters.label')}>
      {children}
      {isFiltered && (
        <Button variant="ghost" onClick={onReset} icon={<X size={16} aria-hidden />}>
          {t('common.clearFilters')}
        </Button>
      )}
    </div>
  );
}

/** "Search": committed after a pause in typing; below the API's minimum length it says how many letters are needed. */
export function SearchFilter({ value, minLength, onCommit }: { value: string; minLength: number; onCommit(q: string): void }) {
  const { t } = useTranslation();
  return (
    <DebouncedTextField
      label={t('leads.filters.search')}
      type="search"
      fieldClassName="field--search"
      value={value}
      onCommit={onCommit}
      hintFor={(draft) =>
        draft.trim().length > 0 && draft.trim().length < minLength ? t('leads.filters.searchMin', { count: minLength }) : undefined
      }
    />
  );
}

/** "Owner": any, or one of the tenant's active users. */
export function OwnerFilter({ value, onChange }: { value: string; onChange(ownerId: string): void }) {
  const { t } = useTranslation();
  const { users } = useUsers();
  return (
    <SelectField
      label={t('leads.filters.owner')}
      placeholder={t('leads.filters.anyOwner')}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      options={users.map((user) => ({ value: user.id, label: user.displayName }))}
    />
  );
}

/** "Sort": the list's sort keys, named by `leads.sort.<key>`. */
export function SortFilter({ value, sorts, onChange }: { value: string; sorts: readonly string[]; onChange(sort: string): void }) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t('leads.filters.sort')}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      options={sorts.map((sort) => ({ value: sort, label: t(`leads.sort.${sort}`) }))}
    />
  );
}
