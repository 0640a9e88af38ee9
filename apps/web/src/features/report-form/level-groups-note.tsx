import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UnitLevel } from '../../api/schema-types';

interface Node {
  code: string;
  valueType?: unknown;
  levels?: UnitLevel[];
}

const UP: UnitLevel[] = ['commune', 'district', 'province'];

/**
 * Which template groups this level does not report and which level of the unit's own tree does (from the
 * template's levels, never assuming three tiers): "Nhóm 5, 6 do cấp huyện báo cáo", or "cấp tỉnh" when the
 * tree has no district. Nothing when every group is the level's.
 */
export function LevelGroupsNote({ nodes, level, treeLevels = UP }: { nodes: readonly Node[]; level: UnitLevel; treeLevels?: readonly UnitLevel[] }) {
  const { t } = useTranslation();
  const byGroup = new Map<string, Node[]>();
  for (const n of nodes) if (n.valueType) byGroup.set(n.code.split('.')[0], [...(byGroup.get(n.code.split('.')[0]) ?? []), n]);
  const absent = new Map<UnitLevel, string[]>();
  for (const [group, rows] of byGroup) {
    if (rows.some((r) => (r.levels ?? []).includes(level))) continue;
    // Only a level the unit's tree has: in the two-tier tree the district's rows fall to the province.
    const reporter = UP.find((l) => treeLevels.includes(l) && rows.some((r) => (r.levels ?? []).includes(l)));
    if (reporter) absent.set(reporter, [...(absent.get(reporter) ?? []), group]);
  }
  if (absent.size === 0) return null;
  const text = [...absent].map(([by, groups]) => t('form.levelGroups', { groups: groups.join(', '), by: t(`level.${by}`), level: t(`level.${level}`) })).join(' ');
  return <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="level-groups-note" message={text} />;
}
