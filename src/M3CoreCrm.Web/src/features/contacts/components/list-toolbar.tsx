import { FilterBar, OwnerFilter, SearchFilter, SortFilter } from '@/components/ui/filter-bar';
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
  return (
    <FilterBar isFiltered={isFiltered} onReset={onReset}>
      <SearchFilter value={values.q} minLength={SEARCH_MIN} onCommit={(q) => onChange({ q })} />
      <OwnerFilter value={values.ownerId} onChange={(ownerId) => onChange({ ownerId })} />
      <SortFilter value={values.sort} sorts={listSorts} onChange={(sort) => onChange({ sort })} />
    </FilterBar>
  );
}
