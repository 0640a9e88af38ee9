import { useTranslation } from 'react-i18next';
import { useFetchUnit } from '../api/hooks/use-fetch-unit';

/**
 * Who reviews this unit's report, named from the tree (never "cấp huyện" by assumption): the level of the
 * unit directly above — a district in three tiers, the province in two or for a district's own report —
 * or the system administrator above a province.
 */
export function useReviewerName(unitCode: string | null | undefined): string {
  const { t } = useTranslation();
  const unit = useFetchUnit(unitCode);
  if (!unit.data) return t('form.reviewerAbove');
  const parent = unit.data.ancestors.at(-1);
  return parent ? t(`level.${parent.level}`) : t('form.reviewerAdmin');
}
