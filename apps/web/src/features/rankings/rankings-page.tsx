import { useState } from 'react';
import { hasRole } from '../../lib/roles';
import { Alert, Button, Card, Col, Divider, Progress, Row, Segmented, Space, Table, Tag, Typography, type TableColumnsType, type TableProps } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { periodLabel, SCORE_DECIMALS } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Ranking, RankingRow, ReportStatus } from '../../api/schema-types';
import { usePeriod } from '../../lib/period-context';
import { EmptyState, QueryState } from '../../components/query-state';
import { StatusTag } from '../../components/status-tag';
import { fmtPercent } from '../../lib/format';
import { useUser } from '../../lib/auth-context';
import { UnitPicker } from '../../components/unit-picker';
import { BreakdownDrawer } from './breakdown-drawer';
import { useFetchRanking } from './hooks/use-fetch-ranking';
import { RankingChart } from './ranking-chart';
import { useFetchUnit } from '../../api/hooks/use-fetch-unit';
import { fmtPoints, fmtScore } from './score-format';
import { FileDownloadButtons } from '../../components/file-download-buttons';

function RankChange({ value }: { value: number | null }) {
  const { t } = useTranslation();
  if (value === null) return <Typography.Text type="secondary">{t('rankings.new')}</Typography.Text>;
  if (value === 0) return <span>=</span>;
  return value > 0 ? (
    <span className="diff-up">
      <ArrowUpOutlined /> {value}
    </span>
  ) : (
    <span className="diff-down">
      <ArrowDownOutlined /> {-value}
    </span>
  );
}

const GROUP_STATUS_COLORS: Record<string, string> = { complete: 'green', partial: 'gold', none: 'default' };

/** The API's code for the whole country: an account without a unit (an administrator) ranks the provinces. */
export const NATIONAL_CODE = 'VN';

/** Children of a unit ranked by score, a bar chart beside, and a commune's breakdown on click. */
export function RankingsPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const user = useUser();
  const { unitCode = user.unitCode ?? NATIONAL_CODE } = useParams();
  const { periodId } = usePeriod();
  const navigate = useNavigate();
  const [scope, setScope] = useState<'children' | 'communes'>('children');
  const [breakdown, setBreakdown] = useState<string | null>(null);
  const own = useFetchUnit(user.unitCode);
  // A two-tier province's children are its communes: "children" and "all communes" would be the same list.
  const hasDistricts = own.data?.children.some((c) => c.level === 'district') ?? false;
  const query = useFetchRanking(unitCode, periodId, hasDistricts ? scope : 'children');

  return (
    <div data-testid="rankings-page">
      <div className="page-title">
        <Typography.Title level={1}>{t('rankings.title')}</Typography.Title>
        <Space wrap>
          {user.unitCode && <UnitPicker excludeCommunes rootCode={user.unitCode} value={unitCode} onChange={(c) => navigate(c === user.unitCode ? '/rankings' : `/rankings/${c}`)} />}
          {!user.unitCode && unitCode !== NATIONAL_CODE && (
            <Button onClick={() => navigate('/rankings')} data-testid="ranking-national">
              {t('rankings.national')}
            </Button>
          )}
          {user.unitLevel === 'province' && hasDistricts && hasRole(user, 'analyst') && (
            <Segmented<'children' | 'communes'>
              value={scope}
              onChange={setScope}
              data-testid="ranking-scope"
              options={[
                { value: 'children', label: t('rankings.scope.children') },
                { value: 'communes', label: t('rankings.scope.communes') },
              ]}
            />
          )}
          {unitCode && periodId && (
            <FileDownloadButtons
              name={t('rankings.fileName')}
              testIdPrefix="ranking-download"
              // The same unit, period and scope as the table; CSV with comma decimals for a Vietnamese Excel.
              pathFor={(format) => api.rankingExportPath(unitCode, periodId, format, { scope, ...(format === 'csv' ? { decimal: 'comma' } : {}) })}
              fallbackName={(format) => `Xep-hang_CCHC_${periodId}_${unitCode}.${format}`}
            />
          )}
        </Space>
      </div>
      <QueryState query={query} rows={10}>
        {(data) => <RankingBody data={data} onBreakdown={setBreakdown} onDrill={(code) => navigate(`/rankings/${code}`)} en={en} />}
      </QueryState>
      {periodId && <BreakdownDrawer unitCode={breakdown} period={periodId} onClose={() => setBreakdown(null)} />}
    </div>
  );
}

/** Where an unranked unit stands: "Chưa xếp hạng — 4/10 xã có điểm" (or "— chưa có điểm" for a commune). */
function UnrankedTag({ row }: { row: RankingRow }) {
  const { t } = useTranslation();
  const why = row.unit.level === 'commune' ? t('rankings.unranked.noScore') : t('rankings.scored', { scored: row.scored, expected: row.expected });
  return (
    // Tags do not wrap by default: on a phone the mark would push the table wider than the screen.
    <Tag color={row.belowCoverage ? 'gold' : 'default'} style={{ whiteSpace: 'normal' }} data-testid={`unranked-${row.unit.code}`}>
      {t('rankings.unranked.tag', { why })}
    </Tag>
  );
}

/** Under a ranked district or province whose rank stands on part of its communes (its coverage is in the next column). */
function PartialMark({ row }: { row: RankingRow }) {
  const { t } = useTranslation();
  if (row.coverage >= 1) return null;
  return (
    // A dark gold (7:1 on white): antd's warning yellow is too faint to read at this size.
    <Typography.Text style={{ fontSize: 12, color: '#874d00' }} data-testid={`partial-${row.unit.code}`}>
      {t('rankings.partial')}
    </Typography.Text>
  );
}

function RankingBody({ data, onBreakdown, onDrill, en }: { data: Ranking; onBreakdown: (code: string) => void; onDrill: (code: string) => void; en: boolean }) {
  const { t } = useTranslation();
  const ranked = data.rows.filter((r) => r.rank !== null);
  const unranked = data.rows.filter((r) => r.rank === null);
  const domainTitle = new Map(data.domains.map((d) => [d.code, d.title]));
  const score = fmtScore;
  const showDistrict = data.scope === 'communes' && data.rows.some((r) => r.district);
  const ranksGroups = data.rows.some((r) => r.unit.level !== 'commune');
  const lang = en ? 'en' : 'vi';

  const columns = (rankedPart: boolean): TableColumnsType<RankingRow> => [
    rankedPart
      ? { title: t('rankings.col.rank'), dataIndex: 'rank', width: 56, render: (v: number) => <strong>{v}</strong> }
      : { title: t('rankings.col.rank'), key: 'rank', width: 56, render: () => <span aria-label={t('rankings.notRanked')}>—</span> },
    ...(rankedPart ? [{ title: t('rankings.col.change'), dataIndex: 'rankChange', width: 76, responsive: ['sm' as const], render: (v: number | null) => <RankChange value={v} /> }] : []),
    {
      title: t('common.unit'),
      key: 'unit',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <span data-testid={`rank-row-${r.unit.code}`}>{r.unit.name}</span>
          {!rankedPart && <UnrankedTag row={r} />}
          {rankedPart && r.unit.level !== 'commune' && <PartialMark row={r} />}
        </Space>
      ),
    },
    ...(showDistrict ? [{ title: t('rankings.col.district'), key: 'district', responsive: ['sm' as const], render: (_: unknown, r: RankingRow) => r.district?.name ?? '—' }] : []),
    {
      title: t('rankings.col.total'),
      key: 'total',
      width: 104,
      align: 'right',
      render: (_, r) =>
        r.total ? (
          <div>
            {rankedPart ? <strong>{score(r.total.percent)}</strong> : <Typography.Text type="secondary">{score(r.total.percent)}</Typography.Text>}
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} className="nowrap">
                {fmtPoints(r.total.points)}/{fmtPoints(r.total.max)}
              </Typography.Text>
            </div>
          </div>
        ) : (
          '—'
        ),
    },
    {
      title: ranksGroups ? t('rankings.col.coverage') : t('board.col.status'),
      key: 'status',
      width: 150,
      responsive: ['md'],
      render: (_, r) =>
        r.unit.level === 'commune' ? (
          <StatusTag status={r.status as ReportStatus | 'missing'} />
        ) : (
          <Tag color={GROUP_STATUS_COLORS[r.status] ?? 'default'} data-testid={`coverage-${r.unit.code}`}>
            {t('rankings.scored', { scored: r.scored, expected: r.expected })} ({fmtPercent(r.coverage * 100, 0)})
          </Tag>
        ),
    },
    {
      title: '',
      key: 'action',
      width: 76,
      render: (_, r) =>
        r.unit.level === 'commune' ? (
          r.status !== 'missing' && (
            <Button size="small" type="link" onClick={() => onBreakdown(r.unit.code)} data-testid={`breakdown-${r.unit.code}`}>
              {t('rankings.details')}
            </Button>
          )
        ) : (
          <Button size="small" type="link" onClick={() => onDrill(r.unit.code)}>
            {t('board.open')}
          </Button>
        ),
    },
  ];
  const expandable: TableProps<RankingRow>['expandable'] = {
    rowExpandable: (r) => r.domains.length > 0,
    expandedRowRender: (r) => (
      <Row gutter={[8, 4]}>
        {r.domains.filter((d) => d.max > 0).map((d) => (
          <Col key={d.code} xs={24} md={12}>
            <Typography.Text style={{ fontSize: 12 }}>
              {domainTitle.get(d.code) ?? d.code} {d.rank !== null ? `(#${d.rank})` : ''}
            </Typography.Text>
            <Progress percent={Math.round(d.percent ?? 0)} size="small" format={() => `${fmtPoints(d.points)}/${fmtPoints(d.max)}`} />
          </Col>
        ))}
      </Row>
    ),
  };
  const pagination = (n: number) => (n > 50 ? { pageSize: 50, showSizeChanger: false } : false);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {data.unit.name} · {periodLabel(data.period, lang)} · {t('rankings.basis', { basis: t(`rankings.basisName.${data.basis}`) })} · {t('rankings.scheme', { version: data.schemeVersion })}
        {data.previousPeriod ? ` · ${t('rankings.changeSince', { period: periodLabel(data.previousPeriod, lang) })}` : ''}
      </Typography.Text>
      {ranksGroups && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }} data-testid="ranking-policy">
          {t('rankings.policy', { share: fmtPercent(data.minCoverage * 100, 0), decimals: SCORE_DECIMALS })}
        </Typography.Paragraph>
      )}
      {data.rows.every((r) => r.total === null) && <EmptyState text={t('rankings.empty')} />}
      {ranked.length === 0 && data.rows.some((r) => r.belowCoverage) && (
        <Alert type="warning" showIcon data-testid="none-ranked" message={t('rankings.noneRanked', { share: fmtPercent(data.minCoverage * 100, 0) })} />
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={ranked.length > 0 ? 15 : 24}>
          <Card size="small" data-testid="ranking-table" title={t('rankings.tableTitle', { ranked: ranked.length, total: data.rows.length })}>
            {ranked.length > 0 && (
              <Table<RankingRow> size="small" rowKey={(r) => r.unit.code} dataSource={ranked} pagination={pagination(ranked.length)} data-testid="ranked-table" expandable={expandable} columns={columns(true)} />
            )}
            {unranked.length > 0 && (
              <>
                <Divider orientation="left" data-testid="unranked-divider">
                  {t('rankings.unranked.title', { count: unranked.length })}
                </Divider>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {ranksGroups ? t('rankings.unranked.helpGroups', { share: fmtPercent(data.minCoverage * 100, 0) }) : t('rankings.unranked.helpCommunes')}
                </Typography.Paragraph>
                <Table<RankingRow>
                  size="small"
                  rowKey={(r) => r.unit.code}
                  dataSource={unranked}
                  pagination={pagination(unranked.length)}
                  data-testid="unranked-table"
                  rowClassName="ranking-row--unranked"
                  expandable={expandable}
                  columns={columns(false)}
                />
              </>
            )}
          </Card>
        </Col>
        {ranked.length > 0 && (
          <Col xs={24} xl={9}>
            <Card size="small" title={t('rankings.chartTitle')}>
              <RankingChart rows={ranked} onSelect={(code) => (data.rows.find((r) => r.unit.code === code)?.unit.level === 'commune' ? onBreakdown(code) : onDrill(code))} />
            </Card>
          </Col>
        )}
      </Row>
    </Space>
  );
}
