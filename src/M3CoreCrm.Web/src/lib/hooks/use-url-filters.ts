import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export type FilterValues<K extends string> = Readonly<Record<K, string>>;

/**
 * Filter, sort and search state kept in the URL's search parameters, so a filtered list is a link that can be
 * shared, bookmarked and restored with Back. A value equal to its default is left out of the URL.
 */
export function useUrlFilters<K extends string>(defaults: FilterValues<K>) {
  const [params, setParams] = useSearchParams();
  const keys = useMemo(() => Object.keys(defaults) as K[], [defaults]);

  const values = useMemo(() => {
    const result = {} as Record<K, string>;
    for (const key of keys) result[key] = params.get(key) ?? defaults[key];
    return result as FilterValues<K>;
  }, [params, keys, defaults]);

  const set = useCallback(
    (patch: Partial<Record<K, string | undefined>>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(patch) as [K, string | undefined][]) {
            if (value === undefined || value === '' || value === defaults[key]) next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        // Typing in a filter must not fill the history with one entry per key stroke.
        { replace: true },
      );
    },
    [setParams, defaults],
  );

  const reset = useCallback(() => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const key of keys) next.delete(key);
        return next;
      },
      { replace: true },
    );
  }, [setParams, keys]);

  const isFiltered = keys.some((key) => values[key] !== defaults[key]);
  return { values, set, reset, isFiltered };
}
