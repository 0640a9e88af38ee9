import { memo, type KeyboardEvent } from 'react';
import { Input, Select } from 'antd';
import type { IndicatorNode } from '@cchc/shared';
import { useTranslation } from 'react-i18next';

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
  const inputs = Array.from(document.querySelectorAll<HTMLInputElement>('input[id^="input-"]'));
  const next = inputs[inputs.indexOf(e.currentTarget) + 1];
  next?.focus();
  next?.select();
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
    return (
      <Select
        id={`input-${node.code}`}
        data-testid={testId}
        value={raw === undefined || raw === '' ? undefined : raw}
        onChange={(v: string | undefined) => onChange(node.code, v ?? '')}
        options={options}
        allowClear
        placeholder={t('form.choose')}
        status={status}
        disabled={disabled}
        style={{ width: '100%' }}
        aria-label={`${node.code} ${node.title}`}
      />
    );
  }
  return (
    <Input
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
