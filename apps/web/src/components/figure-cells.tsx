import { Space, Tag } from 'antd';
import { Typography } from './plain-typography';
import { useTranslation } from 'react-i18next';
import type { IndicatorFigures, Summary, SummaryIndicator } from '../api/schema-types';
import { fmtNumber, fmtPercent } from '../lib/format';

/** The figure a summary shows for an indicator: sums for counts, means for percentages, "n units (x%)" for yes/no. */
export function Headline({ ind, f }: { ind: { valueType?: SummaryIndicator['valueType'] }; f: IndicatorFigures | null | undefined }) {
  const { t, i18n } = useTranslation();
  if (!f || f.count === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  if (ind.valueType === 'choice' && f.optionCounts) {
    const en = i18n.language.startsWith('en');
    return (
      <Space size={[4, 4]} wrap>
        {f.optionCounts.map((o) => (
          <Tag key={o.value}>
            {en && o.labelEn ? o.labelEn : o.label}: {o.count}
          </Tag>
        ))}
      </Space>
    );
  }
  if (ind.valueType === 'yesno') return <span>{t('summary.yesShare', { yes: fmtNumber(f.headline, 0), share: fmtPercent(f.shareYes) })}</span>;
  if (ind.valueType === 'percent') return <span>{fmtPercent(f.headline, 2)}</span>;
  return <strong>{fmtNumber(f.headline, 2)}</strong>;
}

/** The signed difference of two headlines (+12 / −3,5 / ±0), coloured by direction. */
export function Change({ now, before }: { now: number | null | undefined; before: number | null | undefined }) {
  if (now === null || now === undefined || before === null || before === undefined) return null;
  const d = now - before;
  if (d === 0) return <span>±0</span>;
  return <span className={d > 0 ? 'diff-up' : 'diff-down'}>{`${d > 0 ? '+' : '−'}${fmtNumber(Math.abs(d), 2)}`}</span>;
}

/**
 * The unit's own figure (its own report, counted on the summary's basis), formatted like the form shows it:
 * the option's label for a choice, Có/Không for yes/no. "—" when the row is not the unit's or not counted.
 */
export function OwnFigure({ ind }: { ind: Pick<SummaryIndicator, 'valueType' | 'summary' | 'own'> }) {
  const { t, i18n } = useTranslation();
  const { own } = ind;
  if (!own) return <Typography.Text type="secondary">—</Typography.Text>;
  if (own.value === null) return <Typography.Text type="secondary">{t('form.blank')}</Typography.Text>;
  // The consolidation names every option (yes/no as its two answers): the same labels for the own answer.
  const options = ind.summary?.optionCounts;
  if (options) {
    const o = options.find((x) => x.value === own.value);
    if (o) return <strong>{i18n.language.startsWith('en') && o.labelEn ? o.labelEn : o.label}</strong>;
  }
  if (ind.valueType === 'percent') return <strong>{fmtPercent(own.value, 2)}</strong>;
  return <strong>{fmtNumber(own.value, 2)}</strong>;
}

/** Column title for the unit's own figures, with where its own report stands when it is not counted. */
export function OwnColumnTitle({ ownReport }: { ownReport: Summary['ownReport'] }) {
  const { t } = useTranslation();
  return (
    <span data-testid="own-column-title">
      {t('summary.col.own')}
      {ownReport && !ownReport.counted && (
        <Typography.Text type="secondary" style={{ display: 'block', fontWeight: 'normal', fontSize: 12 }}>
          {t('summary.ownNotCounted', { status: t(`status.${ownReport.status}`) })}
        </Typography.Text>
      )}
    </span>
  );
}
