import { lazy, Suspense, useState } from 'react';
import { Alert, Button, Space, Tag } from 'antd';
import { Typography } from './plain-typography';
import { ExclamationCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PlainList } from './plain-list';
import type { NarrativeWarning, OutlierWarning } from '../api/schema-types';
import { fmtNumber } from '../lib/format';

/** Outliers by indicator code (one value may be far from both its history and its peers). */
export function outliersByCode(outliers: OutlierWarning[] | undefined): Map<string, OutlierWarning[]> {
  const m = new Map<string, OutlierWarning[]>();
  for (const o of outliers ?? []) m.set(o.code, [...(m.get(o.code) ?? []), o]);
  return m;
}

/** One set of figures the value was compared with (its earlier periods, or its peers), each labelled by period or unit. */
function ComparedWith({ title, testId, items }: { title: string; testId: string; items: Array<{ key: string; label: string; value: number }> }) {
  return (
    <div style={{ marginTop: 6 }}>
      <Typography.Text strong style={{ fontSize: 12 }}>{title}</Typography.Text>
      <div data-testid={testId}>
        {items.map((i) => (
          <Tag key={i.key} data-testid={`${testId}-${i.key}`}>
            {i.label}: {fmtNumber(i.value, 4)}
          </Tag>
        ))}
      </div>
    </div>
  );
}

/** The figures a value was compared with: the unit's earlier periods, or its siblings this period. */
export function OutlierDetails({ outlier }: { outlier: OutlierWarning }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  return (
    <div style={{ maxWidth: 360 }} data-testid={`outlier-details-${outlier.code}`}>
      <Typography.Paragraph style={{ marginBottom: 6 }}>{en ? outlier.message.en : outlier.message.vi}</Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('quality.value')}: <strong>{fmtNumber(outlier.value, 4)}</strong> · {t('quality.median')}: {fmtNumber(outlier.median, 4)}
        {outlier.score !== null && ` · ${t('quality.score')}: ${fmtNumber(outlier.score, 1)}`}
      </Typography.Text>
      {!!outlier.history?.length && (
        <ComparedWith title={t('quality.history')} testId={`outlier-history-${outlier.code}`} items={outlier.history.map((h) => ({ key: h.periodId, label: h.periodId, value: h.value }))} />
      )}
      {!!outlier.peers?.length && (
        <ComparedWith title={t('quality.peers')} testId={`outlier-peers-${outlier.code}`} items={outlier.peers.map((p) => ({ key: p.unitCode, label: p.unitName ? `${p.unitName} (${p.unitCode})` : p.unitCode, value: p.value }))} />
      )}
    </div>
  );
}

// antd Popover (with rc-trigger) loads when a mark is first pointed at or focused: most forms show
// none, and the form's first screen does without it.
const OutlierPopover = lazy(() => import('./outlier-popover').then((m) => ({ default: m.OutlierPopover })));

/** A mark beside the value; the popover shows what it was compared with. A warning, never an error. */
export function OutlierMark({ outliers }: { outliers: OutlierWarning[] | undefined }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [armed, setArmed] = useState(false);
  if (!outliers?.length) return null;
  const code = outliers[0].code;
  const show = () => (setArmed(true), setOpen(true));
  // Opened by the pointer (antd's hover) and, unlike before, by the keyboard: focus opens it, leaving or Escape closes it.
  const tag = (
    <Tag
      color="gold"
      icon={<ExclamationCircleOutlined />}
      style={{ cursor: 'help', marginTop: 4 }}
      tabIndex={0}
      data-testid={`outlier-${code}`}
      onMouseEnter={show}
      onFocus={show}
      onBlur={() => setOpen(false)}
      onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
    >
      {t('quality.mark')}
    </Tag>
  );
  if (!armed) return tag;
  return (
    <Suspense fallback={tag}>
      <OutlierPopover
        open={open}
        onOpenChange={setOpen}
        title={t('quality.markTitle', { code })}
        content={
          <Space direction="vertical" size={8}>
            {outliers.map((o) => (
              <div key={o.kind}>
                <Tag color="gold">{t(`quality.kind.${o.kind as 'history'}`)}</Tag>
                <OutlierDetails outlier={o} />
              </div>
            ))}
          </Space>
        }
      >
        {tag}
      </OutlierPopover>
    </Suspense>
  );
}

/** Narrative ↔ appendix contradictions, each naming the sentence and the row. */
export function NarrativeWarnings({ warnings, onJump }: { warnings: NarrativeWarning[]; onJump?: (code: string) => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  if (warnings.length === 0) return null;
  return (
    <PlainList
      header={<strong>{t('quality.narrativeTitle')}</strong>}
      items={warnings}
      testId="narrative-warnings"
      rowKey={(w, i) => `${w.code}:${i}`}
      actions={onJump ? (w) => <Button size="small" type="link" onClick={() => onJump(w.code)}>{t('quality.goTo')}</Button> : undefined}
      render={(w) => (
        <Space align="start" data-testid={`narrative-warning-${w.code}`}>
          <Tag color="warning">{t('severity.warning')}</Tag>
          <span>
            {t('quality.narrativeStated', { sentence: w.sentence, stated: w.stated, code: w.code, title: w.title, actual: fmtNumber(w.actual, 4) })}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {w.where.startsWith('note:') ? `${t('form.note')} ${w.where.slice(5)}` : t('quality.where', { where: w.where })} · {en ? w.message.en : w.message.vi}
            </Typography.Text>
          </span>
        </Space>
      )}
    />
  );
}

/** The officer's (or reviewer's) list of every quality warning of one report, with a way to each row. */
export function QualityWarnings({ outliers, narrative, onJump, title, hint }: { outliers: OutlierWarning[]; narrative: NarrativeWarning[]; onJump?: (code: string) => void; title: string; hint?: string }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  if (outliers.length + narrative.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="quality-warnings"
      message={title}
      description={
        <>
          {hint && <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>{hint}</Typography.Paragraph>}
          {outliers.length > 0 && (
            <PlainList
              items={outliers}
              rowKey={(o, i) => `${o.code}:${i}`}
              actions={onJump ? (o) => <Button size="small" type="link" onClick={() => onJump(o.code)}>{t('quality.goTo')}</Button> : undefined}
              render={(o) => (
                <span data-testid={`quality-outlier-${o.code}`}>
                  <Typography.Text code>{o.code}</Typography.Text> <Tag color="gold">{t(`quality.kind.${o.kind as 'history'}`)}</Tag> {en ? o.message.en : o.message.vi}
                </span>
              )}
            />
          )}
          <NarrativeWarnings warnings={narrative} onJump={onJump} />
        </>
      }
    />
  );
}
