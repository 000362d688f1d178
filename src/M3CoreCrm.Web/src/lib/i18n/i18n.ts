import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '@/locales/en.json';
import { preferences, storageKeys } from '../storage/local-storage';

export const languages = ['en', 'ar'] as const;
export type Language = (typeof languages)[number];

export const languageNames: Record<Language, string> = { en: 'English', ar: 'العربية' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

export function directionOf(language: Language): 'ltr' | 'rtl' {
  return language === 'ar' ? 'rtl' : 'ltr';
}

/** The saved choice, else the browser's first language we speak, else English. */
export function initialLanguage(): Language {
  const saved = preferences.get(storageKeys.language);
  if (isLanguage(saved)) return saved;
  const browser = globalThis.navigator?.languages ?? [];
  for (const tag of browser) {
    const base = tag.split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** Sets lang and dir on <html>, so the whole layout (logical CSS properties) mirrors for Arabic. */
export function applyDocumentLanguage(language: Language, root: HTMLElement = document.documentElement): void {
  root.lang = language;
  root.dir = directionOf(language);
}

/**
 * English is bundled (it is also every missing key's fallback); Arabic is fetched the first time it is needed, so
 * the first page of an English reader does not carry it.
 */
const loaders: Record<Exclude<Language, 'en'>, () => Promise<{ default: Record<string, unknown> }>> = {
  ar: () => import('@/locales/ar.json'),
};

export async function loadLanguage(language: Language): Promise<void> {
  if (language === 'en' || i18next.hasResourceBundle(language, 'translation')) return;
  const { default: resources } = await loaders[language]();
  i18next.addResourceBundle(language, 'translation', resources, true, true);
}

export async function changeLanguage(language: Language): Promise<void> {
  preferences.set(storageKeys.language, language);
  await loadLanguage(language);
  await i18next.changeLanguage(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'en';
}

let initialized = false;

/**
 * Starts i18next in the given language (the saved or the browser's); resolves once that language's strings are
 * loaded, so the first paint is already in it.
 */
export async function startI18n(language: Language = initialLanguage()): Promise<void> {
  initI18n('en');
  await loadLanguage(language).catch(() => undefined); // offline: English until a reload
  await i18next.changeLanguage(i18next.hasResourceBundle(language, 'translation') ? language : 'en');
}

export function initI18n(language: Language = initialLanguage()): typeof i18next {
  if (!initialized) {
    initialized = true;
    i18next.on('languageChanged', (lng) => {
      if (isLanguage(lng)) applyDocumentLanguage(lng);
    });
    void i18next.use(initReactI18next).init({
      resources: { en: { translation: en } },
      partialBundledLanguages: true,
      lng: language,
      fallbackLng: 'en',
      supportedLngs: [...languages],
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
    });
    applyDocumentLanguage(language);
  }
  return i18next;
}
