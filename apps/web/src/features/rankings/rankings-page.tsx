import { hasRole } from '../../app/roles';
import { useState } from 'react';
import { Button, Card, Col, Progress, Row, Segmented, Space, Table, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { periodLabel } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import type { Ranking, RankingRow, ReportStatus } from '../../api/schema-types';
import { usePeriod } from '../periods/period-context';
import { EmptyState, QueryState } from '../../components/query-state';
import { StatusTag } from '../../components/status-tag';
import { fmtNumber, fmtPercent } from '../../lib/format';
import { useUser } from '../auth/auth-context';
import { UnitPicker } from '../summaries/unit-picker';
import { BreakdownDrawer } from './breakdown-drawer';
import { useFetchRanking } from './hooks/use-fetch-ranking';
import { RankingChart } from './ranking-chart';
import { useFetchUnit } from '../../api/hooks/use-fetch-unit';

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

/** Children of a unit ranked by score, a bar chart beside, and a commune's breakdown on click. */
export function RankingsPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const user = useUser();
  const { unitCode = user.unitCode ?? '' } = useParams();
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
        <Typography.Title level={3}>{t('rankings.title')}</Typography.Title>
        <Space wrap>
          {user.unitCode && <UnitPicker excludeCommunes rootCode={user.unitCode} value={unitCode} onChange={(c) => navigate(c === user.unitCode ? '/rankings' : `/rankings/${c}`)} />}
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
        </Space>
      </div>
      <QueryState query={query} rows={10}>
        {(data) => <RankingBody data={data} onBreakdown={setBreakdown} onDrill={(code) => navigate(`/rankings/${code}`)} en={en} />}
      </QueryState>
      {periodId && <BreakdownDrawer unitCode={breakdown} period={periodId} onClose={() => setBreakdown(null)} />}
    </div>
  );
}

function RankingBody({ data, onBreakdown, onDrill, en }: { data: Ranking; onBreakdown: (code: string) => void; onDrill: (code: string) => void; en: boolean }) {
  const { t } = useTranslation();
  const ranked = data.rows.filter((r) => r.rank !== null);
  const domainTitle = new Map(data.domains.map((d) => [d.code, d.title]));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {data.unit.name} · {periodLabel(data.period, en ? 'en' : 'vi')} · {t('rankings.basis', { basis: t(`rankings.basisName.${data.basis}`) })} · {t('rankings.scheme', { version: data.schemeVersion })}
        {data.previousPeriod ? ` · ${t('rankings.changeSince', { period: periodLabel(data.previousPeriod, en ? 'en' : 'vi') })}` : ''}
      </Typography.Text>
      {ranked.length === 0 && <EmptyState text={t('rankings.empty')} />}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={ranked.length > 0 ? 15 : 24}>
          <Card size="small" title={t('rankings.tableTitle', { ranked: ranked.length, total: data.rows.length })}>
            <Table<RankingRow>
              size="small"
              rowKey={(r) => r.unit.code}
              dataSource={data.rows}
              pagination={data.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              data-testid="ranking-table"
              expandable={{
                rowExpandable: (r) => r.domains.length > 0,
                expandedRowRender: (r) => (
                  <Row gutter={[8, 4]}>
                    {r.domains.filter((d) => d.max > 0).map((d) => (
                      <Col key={d.code} xs={24} md={12}>
                        <Typography.Text style={{ fontSize: 12 }}>
                          {domainTitle.get(d.code) ?? d.code} {d.rank !== null ? `(#${d.rank})` : ''}
                        </Typography.Text>
                        <Progress percent={Math.round(d.percent ?? 0)} size="small" format={() => `${fmtNumber(d.points)}/${fmtNumber(d.max)}`} />
                      </Col>
                    ))}
                  </Row>
                ),
              }}
              columns={[
                { title: t('rankings.col.rank'), dataIndex: 'rank', width: 56, render: (v: number | null) => (v === null ? '—' : <strong>{v}</strong>) },
                { title: t('rankings.col.change'), dataIndex: 'rankChange', width: 76, responsive: ['sm'], render: (v: number | null, r) => (r.rank === null ? null : <RankChange value={v} />) },
                { title: t('common.unit'), key: 'unit', render: (_, r) => <span data-testid={`rank-row-${r.unit.code}`}>{r.unit.name}</span> },
                {
                  title: t('rankings.col.total'),
                  key: 'total',
                  width: 96,
                  align: 'right',
                  render: (_, r) =>
                    r.total ? (
                      <div>
                        <strong>{fmtPercent(r.total.percent)}</strong>
                        <div>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }} className="nowrap">
                            {fmtNumber(r.total.points)}/{fmtNumber(r.total.max)}
                          </Typography.Text>
                        </div>
                      </div>
                    ) : (
                      '—'
                    ),
                },
                {
                  title: t('board.col.status'),
                  key: 'status',
                  width: 124,
                  responsive: ['md'],
                  render: (_, r) =>
                    r.unit.level === 'commune' ? (
                      <StatusTag status={r.status as ReportStatus | 'missing'} />
                    ) : (
                      <Tag color={GROUP_STATUS_COLORS[r.status] ?? 'default'}>{t('rankings.scored', { scored: r.scored, expected: r.expected })}</Tag>
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
              ]}
            />
          </Card>
        </Col>
        {ranked.length > 0 && (
          <Col xs={24} xl={9}>
            <Card size="small" title={t('rankings.chartTitle')}>
              <RankingChart rows={data.rows} onSelect={(code) => (data.rows.find((r) => r.unit.code === code)?.unit.level === 'commune' ? onBreakdown(code) : onDrill(code))} />
            </Card>
          </Col>
        )}
      </Row>
    </Space>
  );
}
