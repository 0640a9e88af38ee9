import { Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFetchUnit } from '../api/hooks/use-fetch-unit';

/** Move between the user's own unit and the units below it (a province analyst drilling into a district). */
export function UnitPicker({ rootCode, value, onChange, excludeCommunes = false }: { rootCode: string; value: string; onChange: (code: string) => void; excludeCommunes?: boolean }) {
  const { t } = useTranslation();
  const root = useFetchUnit(rootCode);
  const current = useFetchUnit(value);
  if (!root.data) return null;
  const children = root.data.children.filter((c) => !excludeCommunes || c.level !== 'commune');
  const options = [{ value: root.data.code, label: root.data.name }, ...children.map((c) => ({ value: c.code, label: `— ${c.name}` }))];
  if (current.data && !options.some((o) => o.value === current.data.code)) options.push({ value: current.data.code, label: `— — ${current.data.name}` });
  // Nothing to move to (a province of the two-tier tree, whose children are communes): its name, not a
  // disabled picker (whose faint text nobody can read).
  if (children.length === 0)
    return (
      <Typography.Text strong data-testid="unit-picker">
        {root.data.name}
      </Typography.Text>
    );
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
