import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import 'dayjs/locale/en';
import { vi } from './vi';
import { en } from './en';

export type Language = 'vi' | 'en';
const KEY = 'cchc.lang';

const stored = localStorage.getItem(KEY);
const initial: Language = stored === 'en' ? 'en' : 'vi';
dayjs.locale(initial);

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Vietnamese first; English is a switch in the header, remembered on this device. */
export function setLanguage(lang: Language): void {
  localStorage.setItem(KEY, lang);
  dayjs.locale(lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

export { i18n };
