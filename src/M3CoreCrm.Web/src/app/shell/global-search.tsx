import { Search } from 'lucide-react';
import { forwardRef, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDebouncedValue } from '@/lib/hooks/use-debounced-value';
import { SEARCH_MIN, useGlobalSearch, type SearchHit } from './use-global-search';

const GROUPS = ['lead', 'contact', 'company'] as const;

/**
 * One box that searches leads, contacts and companies (`?q=`), debounced, with results grouped by kind. It is an
 * ARIA combobox: arrows move through the results, Enter opens one, Escape closes the list.
 */
export const GlobalSearch = forwardRef<HTMLInputElement>(function GlobalSearch(_props, ref) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const term = useDebouncedValue(text, 250);
  const search = useGlobalSearch(term);

  const flat = useMemo<SearchHit[]>(() => (search.data ? GROUPS.flatMap((group) => search.data[group]) : []), [search.data]);
  const tooShort = text.trim().length < SEARCH_MIN;
  const expanded = open && !tooShort;
  const optionId = (index: number) => `${id}-option-${index}`;

  const choose = (hit: SearchHit | undefined) => {
    if (!hit) return;
    setOpen(false);
    setText('');
    void navigate(hit.href);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (flat.length === 0 ? 0 : (index + 1) % flat.length));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => (flat.length === 0 ? 0 : (index - 1 + flat.length) % flat.length));
    } else if (event.key === 'Enter') {
      if (expanded) {
        event.preventDefault();
        choose(flat[active]);
      }
    } else if (event.key === 'Escape') {
      if (expanded) {
        event.preventDefault();
        setOpen(false);
      } else {
        setText('');
        event.currentTarget.blur();
      }
    }
  };

  let index = -1;
  return (
    <div className="search" role="search">
      <Search size={16} className="search__icon" aria-hidden />
      <input
        ref={ref}
        type="search"
        className="search__input"
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={expanded}
        aria-controls={`${id}-listbox`}
        aria-autocomplete="list"
        aria-activedescendant={expanded && flat.length > 0 ? optionId(active) : undefined}
        placeholder={t('search.placeholder')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {!text && (
        <kbd className="kbd search__hint" aria-hidden>
          /
        </kbd>
      )}
      <div id={`${id}-listbox`} role="listbox" aria-label={t('search.results')} className="search__results" hidden={!expanded}>
        {search.isFetching && flat.length === 0 && <div className="search__status">{t('search.searching')}</div>}
        {search.isError && <div className="search__status">{t('search.failed')}</div>}
        {search.isSuccess && flat.length === 0 && !search.isFetching && (
          <div className="search__status">{t('search.noResults', { term: term.trim() })}</div>
        )}
        {search.data &&
          GROUPS.map((group) => {
            const hits = search.data[group];
            if (hits.length === 0) return null;
            return (
              <div key={group} role="group" aria-labelledby={`${id}-${group}`}>
                <div id={`${id}-${group}`} className="search__group-label">
                  {t(`search.groups.${group}`)}
                </div>
                {hits.map((hit) => {
                  index += 1;
                  const mine = index;
                  return (
                    <div
                      key={hit.id}
                      id={optionId(mine)}
                      role="option"
                      aria-selected={mine === active}
                      className="search__option"
                      onMouseDown={(event) => event.preventDefault()}
                      onMouseEnter={() => setActive(mine)}
                      onClick={() => choose(hit)}
                    >
                      <span>{hit.title}</span>
                      {hit.subtitle && <span className="muted ltr">{hit.subtitle}</span>}
                    </div>
                  );
                })}
              </div>
            );
          })}
      </div>
      <div className="visually-hidden" aria-live="polite">
        {expanded && search.isSuccess ? t('search.count', { count: flat.length }) : ''}
      </div>
    </div>
  );
});
