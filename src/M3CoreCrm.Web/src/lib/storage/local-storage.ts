/** localStorage that never throws (private mode, quota, disabled storage): preferences are a convenience. */
export const preferences = {
  get(key: string): string | null {
    try {
      return globalThis.localStorage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  },
  set(key: string, value: string): void {
    try {
      globalThis.localStorage?.setItem(key, value);
    } catch {
      // A preference that cannot be saved is simply not remembered.
    }
  },
  remove(key: string): void {
    try {
      globalThis.localStorage?.removeItem(key);
    } catch {
      // Nothing to do.
    }
  },
};

export const storageKeys = {
  tenant: 'm3crm.tenant',
  language: 'm3crm.language',
  sidePanel: 'm3crm.sidePanel',
  theme: (userId: string | undefined) => `m3crm.theme.${userId ?? 'anonymous'}`,
} as const;
