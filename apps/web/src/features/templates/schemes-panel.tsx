import { useMemo, useState } from 'react';
import { Button, Card, Col, Input, Row, Select, Space, Table, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import type { InstrumentStatus } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/api-error';
import { ErrorState, LoadingState } from '../../components/query-state';
import { fmtDateTime, fmtPercent } from '../../lib/format';
import { usePeriod } from '../../lib/period-context';
import { useInstrumentAction, useRankingPreview, useScoringSchemes } from './hooks/use-instruments';
import { InstrumentStatusTag } from '../../components/instrument-status-tag';
import type { Ranking, SchemeVersionInfo } from './templates-api';
import { useFeedback } from '../../lib/feedback';

type Row = Ranking['rows'][number];
interface Compared {
  code: string;
  name: string;
  rank: number | null;
  percent: number | null;
  draftRank: number | null;
  draftPercent: number | null;
}

/** Both rankings side by side, ordered by the draft's ranks: who moves up, who moves down. */
function compare(current: Ranking, draft: Ranking): Compared[] {
  const now = new Map(current.rows.map((r: Row) => [r.unit.code, r]));
  return draft.rows.map((r: Row) => {
    const c = now.get(r.unit.code);
    return { code: r.unit.code, name: r.unit.name, rank: c?.rank ?? null, percent: c?.total?.percent ?? null, draftRank: r.rank, draftPercent: r.total?.percent ?? null };
  });
}

function RankingPreview({ schemes }: { schemes: SchemeVersionInfo[] }) {
  const { t } = useTranslation();
  const { periodId, periods } = usePeriod();
  const drafts = schemes.filter((s) => s.status === 'draft');
  const [period, setPeriod] = useState<string | null>(periodId);
  const [unit, setUnit] = useState('');
  const [scheme, setScheme] = useState<string | null>(drafts[0]?.version ?? null);
  const [asked, setAsked] = useState<{ unit: string; period: string; scheme: string } | null>(null);
  const current = useRankingPreview(asked?.unit ?? '', asked?.period ?? null, '');
  const draft = useRankingPreview(asked?.unit ?? '', asked?.period ?? null, asked?.scheme ?? '');
  const rows = useMemo(() => (current.data && draft.data && asked ? compare(current.data, draft.data) : []), [current.data, draft.data, asked]);

  return (
    <Card size="small" title={t('admin.templates.rankingPreview')} data-testid="ranking-preview">
      <Typography.Paragraph type="secondary">{t('admin.templates.rankingHelp')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select style={{ width: 160 }} value={period} onChange={setPeriod} options={periods.map((p) => ({ value: p.id, label: p.id }))} aria-label={t('common.period')} data-testid="preview-period" />
        <Input style={{ width: 200 }} value={unit} onChange={(e) => setUnit(e.target.value.trim())} placeholder={t('admin.templates.previewUnit')} aria-label={t('admin.templates.previewUnit')} data-testid="preview-unit" />
        <Select
          style={{ width: 200 }}
          value={scheme}
          onChange={setScheme}
          options={schemes.map((s) => ({ value: s.version, label: `${s.version} (${s.templateVersion})` }))}
          placeholder={t('admin.templates.previewScheme')}
          aria-label={t('admin.templates.previewScheme')}
          data-testid="preview-scheme"
        />
        <Button type="primary" disabled={!unit || !period || !scheme} onClick={() => unit && period && scheme && setAsked({ unit, period, scheme })} data-testid="preview-show">
          {t('admin.templates.show')}
        </Button>
      </Space>
      {asked &&
        (current.isPending || draft.isPending ? (
          <LoadingState rows={4} />
        ) : current.error || draft.error ? (
          <ErrorState error={current.error ?? draft.error} />
        ) : (
          <Table<Compared>
            size="small"
            rowKey="code"
            data-testid="preview-table"
            dataSource={rows}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={[
              { title: t('common.unit'), key: 'unit', render: (_, r) => `${r.name} (${r.code})` },
              {
                title: t('admin.templates.current', { version: current.data?.schemeVersion ?? '' }),
                children: [
                  { title: t('admin.templates.rank'), dataIndex: 'rank', width: 70, render: (v: number | null) => v ?? '—' },
                  { title: t('admin.templates.score'), dataIndex: 'percent', width: 90, render: (v: number | null) => fmtPercent(v) },
                ],
              },
              {
                title: t('admin.templates.draftRanking', { version: draft.data?.schemeVersion ?? '' }),
                children: [
                  { title: t('admin.templates.rank'), dataIndex: 'draftRank', width: 70, render: (v: number | null) => v ?? '—' },
                  { title: t('admin.templates.score'), dataIndex: 'draftPercent', width: 90, render: (v: number | null) => fmtPercent(v) },
                ],
              },
              {
                title: t('admin.templates.move'),
                key: 'move',
                width: 100,
                render: (_, r) => {
                  if (r.rank === null || r.draftRank === null || r.rank === r.draftRank) return '—';
                  const up = r.rank - r.draftRank;
                  return <Typography.Text type={up > 0 ? 'success' : 'danger'} data-testid={`move-${r.code}`}>{up > 0 ? `▲ ${up}` : `▼ ${-up}`}</Typography.Text>;
                },
              },
            ]}
          />
        ))}
    </Card>
  );
}

export function SchemesPanel() {
  const { t, i18n } = useTranslation();
  const { message, modal } = useFeedback();
  const schemes = useScoringSchemes();
  const action = useInstrumentAction();
  if (schemes.isPending) return <LoadingState />;
  if (schemes.error) return <ErrorState error={schemes.error} />;

  const publish = (s: SchemeVersionInfo) =>
    modal.confirm({
      title: t('admin.templates.publishSchemeTitle', { version: s.version }),
      content: t('admin.templates.publishSchemeBody', { version: s.version, template: s.templateVersion }),
      okText: t('admin.templates.publish'),
      cancelText: t('common.cancel'),
      onOk: () =>
        action.mutateAsync({ kind: 'publishScheme', version: s.version }).then(
          () => void message.success(t('admin.templates.published', { version: s.version })),
          (e: unknown) => void message.error(errorText(e, i18n.language)),
        ),
    });

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card size="small" title={t('admin.templates.schemes')}>
          <Table<SchemeVersionInfo>
            size="small"
            rowKey="version"
            data-testid="scheme-versions"
            dataSource={schemes.data}
            pagination={false}
            columns={[
              { title: t('admin.templates.version'), dataIndex: 'version', width: 110 },
              { title: t('admin.templates.forTemplate'), dataIndex: 'templateVersion', width: 120 },
              { title: t('admin.templates.title'), dataIndex: 'title' },
              { title: t('admin.templates.status'), dataIndex: 'status', width: 120, render: (s: InstrumentStatus) => <InstrumentStatusTag status={s} /> },
              { title: t('admin.templates.publishedAt'), dataIndex: 'publishedAt', width: 150, render: (d: string | null) => fmtDateTime(d) },
              {
                title: '',
                key: 'actions',
                width: 130,
                render: (_, s) =>
                  s.status === 'draft' && (
                    <Button size="small" type="primary" icon={<SendOutlined />} onClick={() => publish(s)} data-testid={`publish-scheme-${s.version}`}>
                      {t('admin.templates.publish')}
                    </Button>
                  ),
              },
            ]}
          />
        </Card>
      </Col>
      <Col span={24}>
        <RankingPreview schemes={schemes.data} />
      </Col>
    </Row>
  );
}
