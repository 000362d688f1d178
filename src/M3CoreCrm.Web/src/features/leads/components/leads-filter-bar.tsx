import { useTranslation } from 'react-i18next';
import { DebouncedTextField } from '@/components/ui/debounced-text-field';
import { FilterBar, OwnerFilter, SearchFilter, SortFilter } from '@/components/ui/filter-bar';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
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
  return (
    <FilterBar isFiltered={isFiltered} onReset={onReset}>
      <SearchFilter value={values.q} minLength={SEARCH_MIN} onCommit={(q) => onChange({ q })} />
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
      <OwnerFilter value={values.ownerId} onChange={(ownerId) => onChange({ ownerId })} />
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
      <SortFilter value={values.sort} sorts={leadSorts} onChange={(sort) => onChange({ sort })} />
    </FilterBar>
  );
}
