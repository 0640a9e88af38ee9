import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFetchUnit } from '../../api/hooks/use-fetch-unit';

/** Move between the user's own unit and the units below it (a province analyst drilling into a district). */
export function UnitPicker({ rootCode, value, onChange }: { rootCode: string; value: string; onChange: (code: string) => void }) {
  const { t } = useTranslation();
  const root = useFetchUnit(rootCode);
  const current = useFetchUnit(value);
  if (!root.data) return null;
  const options = [{ value: root.data.code, label: root.data.name }, ...root.data.children.map((c) => ({ value: c.code, label: `— ${c.name}` }))];
  if (current.data && !options.some((o) => o.value === current.data.code)) options.push({ value: current.data.code, label: `— — ${current.data.name}` });
  return (
    <Select
      showSearch
      optionFilterProp="label"
      value={value}
      onChange={onChange}
      options={options}
      style={{ minWidth: 220 }}
      aria-label={t('common.unit')}
      data-testid="unit-picker"
    />
  );
}
