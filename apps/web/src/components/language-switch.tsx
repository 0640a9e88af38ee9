import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../i18n/index';

const OPTIONS: { label: string; value: Language }[] = [
  { label: 'VI', value: 'vi' },
  { label: 'EN', value: 'en' },
];

/**
 * Two radio buttons drawn as antd's small Segmented (native radios: the arrow keys and a screen
 * reader's "1 of 2" come with them); antd Segmented would load on every page for this alone.
 */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const current: Language = i18n.language.startsWith('en') ? 'en' : 'vi';
  return (
    <div className="lang-switch" role="radiogroup" aria-label="Ngôn ngữ / Language">
      {OPTIONS.map((o) => (
        <label key={o.value} className={`lang-switch__item${o.value === current ? ' lang-switch__item--on' : ''}`}>
          <input type="radio" name="cchc-language" value={o.value} checked={o.value === current} onChange={() => void setLanguage(o.value)} />
          <span>{o.label}</span>
        </label>
      ))}
    </div>
  );
}
