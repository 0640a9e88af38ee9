import { memo, type KeyboardEvent } from 'react';
import type { IndicatorNode } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import { PlainInput } from '../plain-input';

interface Props {
  node: IndicatorNode;
  raw: string | undefined;
  onChange: (code: string, raw: string) => void;
  status?: 'error' | 'warning';
  disabled?: boolean;
}

/** Enter moves to the next figure, as in a spreadsheet: officers type the appendix column by column. */
function focusNextOnEnter(e: KeyboardEvent<HTMLInputElement>): void {
  if (e.key !== 'Enter') return;
  e.preventDefault();
  const inputs = Array.from(document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input[id^="input-"], select[id^="input-"]'));
  const next = inputs[inputs.indexOf(e.currentTarget) + 1];
  next?.focus();
  if (next instanceof HTMLInputElement) next.select();
}

/** One input per value type: numbers as text (so "56,1" and "56.1" both work), yes/no and choices by their labels. */
export const ValueInput = memo(function ValueInput({ node, raw, onChange, status, disabled }: Props) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const testId = `value-${node.code}`;
  if (node.valueType === 'yesno' || node.valueType === 'choice') {
    const options =
      node.options?.map((o) => ({ value: String(o.value), label: `${en && o.labelEn ? o.labelEn : o.label} (${o.value})` })) ??
      [
        { value: '1', label: t('form.yes') },
        { value: '0', label: t('form.no') },
      ];
    // A native select (its list is the system's, on a phone too), drawn as antd's input: antd Select
    // would bring rc-select and rc-virtual-list (~24 KB brotli) to the form's first screen. The empty
    // choice clears the value.
    return (
      <select
        id={`input-${node.code}`}
        data-testid={testId}
        className={`plain-select${status ? ` plain-select--${status}` : ''}${raw === undefined || raw === '' ? ' plain-select--empty' : ''}`}
        value={raw ?? ''}
        onChange={(e) => onChange(node.code, e.target.value)}
        disabled={disabled}
        aria-invalid={status === 'error' || undefined}
        aria-label={`${node.code} ${node.title}`}
      >
        <option value="">{t('form.choose')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  return (
    <PlainInput
      id={`input-${node.code}`}
      data-testid={testId}
      value={raw ?? ''}
      onChange={(e) => onChange(node.code, e.target.value)}
      onKeyDown={focusNextOnEnter}
      inputMode="decimal"
      suffix={node.valueType === 'percent' ? '%' : undefined}
      status={status}
      disabled={disabled}
      placeholder={node.valueType === 'percent' ? '0–100' : undefined}
      aria-label={`${node.code} ${node.title}`}
      autoComplete="off"
    />
  );
});
