import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { mergedLocales } from './locales';

export const languages = ['es', 'en'] as const;
export type Language = (typeof languages)[number];

const STORAGE_KEY = 'atiende.language';

export const isLanguage = (value: unknown): value is Language => languages.includes(value as Language);

function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(Object.entries(mergedLocales()).map(([language, tree]) => [language, { translation: tree }])),
  lng: storedLanguage() ?? 'es',
  fallbackLng: 'es',
  // React escapes what it renders; escaping here too would show &amp; to people.
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

/** A language the person picked in this browser wins over their profile's until they pick again. */
export function chooseLanguage(language: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  void i18n.changeLanguage(language);
}

/** Applies the profile's language unless the person chose one in this browser. */
export function applyProfileLanguage(language: string) {
  if (!storedLanguage() && isLanguage(language) && i18n.language !== language) void i18n.changeLanguage(language);
}

export { i18n };
