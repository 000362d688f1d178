import { describe, expect, it } from 'vitest';
import ar from './ar.json';
import en from './en.json';

type Tree = { [key: string]: string | Tree };

/** Leaf keys with plural suffixes folded (Arabic has six plural forms, English two). */
function keysOf(tree: Tree, prefix = ''): Set<string> {
  const keys = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = `${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`;
    if (typeof value === 'string') keys.add(path);
    else for (const nested of keysOf(value, `${path}.`)) keys.add(nested);
  }
  return keys;
}

const sources = import.meta.glob<string>(['/src/**/*.{ts,tsx}', '!/src/**/*.test.{ts,tsx}'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('translations', () => {
  const english = keysOf(en as Tree);
  const arabic = keysOf(ar as Tree);

  it('Arabic has every English key and no other', () => {
    expect([...english].filter((key) => !arabic.has(key))).toEqual([]);
    expect([...arabic].filter((key) => !english.has(key))).toEqual([]);
  });

  it('every literal key the code asks for exists', () => {
    const used = new Set<string>();
    for (const source of Object.values(sources)) {
      for (const match of source.matchAll(/\bt\(\s*'([A-Za-z0-9_.-]+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((key) => !english.has(key))).toEqual([]);
  });

  it('Arabic strings are Arabic, not copies of the English', () => {
    const flat = (tree: Tree, prefix = ''): [string, string][] =>
      Object.entries(tree).flatMap(([key, value]) =>
        typeof value === 'string' ? [[`${prefix}${key}`, value]] : flat(value, `${prefix}${key}.`),
      );
    const englishValues = new Map(flat(en as Tree));
    const copied = flat(ar as Tree).filter(
      ([key, value]) => englishValues.get(key) === value && /[a-z]{4,}/i.test(value.replace(/\{\{\w+\}\}/g, '')),
    );
    // Product names and codes stay as they are.
    expect(copied.map(([key]) => key).filter((key) => !['app.name', 'signIn.subtitle'].includes(key))).toEqual([]);
  });
});
