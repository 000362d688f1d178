import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { useUrlFilters } from './use-url-filters';

const defaults = { q: '', status: '', sort: '-createdAt' } as const;

function setup(url: string) {
  const wrapper = ({ children }: { children: ReactNode }) => <MemoryRouter initialEntries={[url]}>{children}</MemoryRouter>;
  return renderHook(
    () => {
      const filters = useUrlFilters(defaults);
      const location = useLocation();
      return { filters, search: location.search };
    },
    { wrapper },
  );
}

describe('useUrlFilters', () => {
  it('reads the filters of a shared link, with defaults for what it leaves out', () => {
    const { result } = setup('/leads?status=new&q=marina');

    expect(result.current.filters.values).toEqual({ q: 'marina', status: 'new', sort: '-createdAt' });
    expect(result.current.filters.isFiltered).toBe(true);
  });

  it('writes changes to the URL and leaves defaults and empty values out of it', () => {
    const { result } = setup('/leads?status=new&other=kept');

    act(() => result.current.filters.set({ q: 'villa', status: '', sort: 'name' }));
    expect(new URLSearchParams(result.current.search)).toEqual(new URLSearchParams('other=kept&q=villa&sort=name'));

    act(() => result.current.filters.set({ sort: '-createdAt' }));
    expect(result.current.search).toBe('?other=kept&q=villa');
    expect(result.current.filters.values.sort).toBe('-createdAt');
  });

  it('reset clears its own filters and keeps unrelated parameters', () => {
    const { result } = setup('/leads?status=new&q=abc&tab=2');

    act(() => result.current.filters.reset());

    expect(result.current.search).toBe('?tab=2');
    expect(result.current.filters.isFiltered).toBe(false);
  });
});
