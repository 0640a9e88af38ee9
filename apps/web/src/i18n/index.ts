import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import 'dayjs/locale/en';
import type { Locale } from 'antd/es/locale';
import { vi } from './vi';

export type Language = 'vi' | 'en';
const KEY = 'cchc.lang';

const stored = localStorage.getItem(KEY);
const initial: Language = stored === 'en' ? 'en' : 'vi';
dayjs.locale(initial);

let antdEnglish: Locale | undefined;

/** antd's own texts in English (the Vietnamese ones come with the app), once English is loaded. */
export const antdEnglishLocale = (): Locale | undefined => antdEnglish;

/**
 * English is fetched only by those who use it (its strings are ~5 KB of a rural link's first
 * script), with antd's English texts: loaded before the switch, so nothing shows half translated.
 */
async function loadLanguage(lang: Language): Promise<void> {
  if (lang !== 'en' || i18n.hasResourceBundle('en', 'translation')) return;
  const [strings, antd] = await Promise.all([import('./en'), import('antd/locale/en_US')]);
  antdEnglish = antd.default;
  i18n.addResourceBundle('en', 'translation', strings.en);
}

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi } },
  lng: 'vi',
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Vietnamese first; English is a switch in the header, remembered on this device. */
export async function setLanguage(lang: Language): Promise<void> {
  localStorage.setItem(KEY, lang);
  await loadLanguage(lang).catch(() => undefined);
  dayjs.locale(lang);
  document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}

/** Settles once the remembered language's strings are in (at once for Vietnamese): the app renders after it. */
export const i18nReady: Promise<void> = initial === 'en' ? setLanguage('en') : Promise.resolve();

export { i18n };
