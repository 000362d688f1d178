import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '@/lib/api/problem';
import { renderWithApp } from '@/test/render';
import { EditableFieldList } from './editable-field-list';
import { FilterBar, SearchFilter } from './filter-bar';
import { RecordDetailLayout, type RecordConflictGuard } from './record-detail-layout';

const guard: RecordConflictGuard = { conflict: false, busy: false, reload: async () => {}, overwrite: async () => {}, dismiss: () => {} };

describe('RecordDetailLayout', () => {
  it('shows why the record did not load, with a way back and "Try again"', async () => {
    const refetch = vi.fn();
    const user = userEvent.setup();
    const error = new ApiProblem(404, { code: 'contact.not_found', title: 'Not Found', traceId: 'trace-404' });
    renderWithApp(
      <RecordDetailLayout
        query={{ isPending: false, isError: true, error, refetch }}
        back={{ to: '/contacts', label: 'Contacts' }}
        guard={guard}
        render={() => ({ title: 'never', main: null, aside: null })}
      />,
    );

    expect(screen.getByRole('link', { name: 'Back to Contacts' })).toHaveAttribute('href', '/contacts');
    expect(screen.getByRole('alert')).toHaveTextContent('contact.not_found');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(refetch).toHaveBeenCalled();
  });

  it('shows the loaded record: heading, both columns, and the conflict choice when a save answered 412', () => {
    const page = (conflict: boolean) => (
      <RecordDetailLayout
        query={{ isPending: false, isError: false, error: null, refetch: () => {} }}
        back={{ to: '/leads', label: 'Leads' }}
        guard={{ ...guard, conflict }}
        render={() => ({ title: 'Sara Khalil', main: <p>Fields</p>, aside: <p>Timeline</p> })}
      />
    );
    const { rerender } = renderWithApp(page(false));

    expect(screen.getByRole('heading', { level: 1, name: 'Sara Khalil' })).toBeInTheDocument();
    expect(screen.getByText('Fields')).toBeInTheDocument();
    expect(screen.getByText('Timeline')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    rerender(page(true));
    expect(screen.getByRole('dialog', { name: 'Changed by someone else' })).toBeInTheDocument();
  });
});

describe('EditableFieldList', () => {
  it('names each field, edits it in place and shows its error under it', async () => {
    const onSave = vi.fn(async () => {});
    const user = userEvent.setup();
    renderWithApp(
      <EditableFieldList
        title="Details"
        fields={[{ id: 'city', label: 'City', value: 'Dubai', onSave }]}
        readOnly={false}
        errors={{ city: 'The city is too long.' }}
        resetKey={0}
      />,
    );

    expect(screen.getByRole('region', { name: 'Details' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('The city is too long.');
    await user.click(screen.getByRole('button', { name: 'Dubai, Edit City' }));
    await user.clear(screen.getByRole('textbox', { name: 'City' }));
    await user.type(screen.getByRole('textbox', { name: 'City' }), 'Abu Dhabi{Enter}');
    expect(onSave).toHaveBeenCalledWith('Abu Dhabi');
  });
});

describe('FilterBar', () => {
  it('offers "Clear filters" only when a filter is set, and says how long a search must be', async () => {
    const onReset = vi.fn();
    const user = userEvent.setup();
    const { rerender } = renderWithApp(
      <FilterBar isFiltered={false} onReset={onReset}>
        <SearchFilter value="" minLength={3} onCommit={() => {}} />
      </FilterBar>,
    );
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'ab');
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveAccessibleDescription(/3/);

    rerender(
      <FilterBar isFiltered onReset={onReset}>
        <SearchFilter value="abc" minLength={3} onCommit={() => {}} />
      </FilterBar>,
    );
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(onReset).toHaveBeenCalled();
  });
});
