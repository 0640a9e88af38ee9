import { Collapse, Descriptions, Drawer, List, Progress, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/query-state';
import { StatusTag } from '../../components/status-tag';
import type { ReportStatus } from '../../api/schema-types';
import { fmtNumber, fmtPercent } from '../../lib/format';
import { useFetchRankingBreakdown } from './hooks/use-fetch-ranking-breakdown';

/** Why a commune placed where it did: each criterion's inputs, points and reason. */
export function BreakdownDrawer({ unitCode, period, onClose }: { unitCode: string | null; period: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const query = useFetchRankingBreakdown(unitCode, period);
  return (
    <Drawer open={!!unitCode} onClose={onClose} width={Math.min(640, window.innerWidth)} title={t('rankings.breakdown.title')} data-testid="breakdown-drawer">
      <QueryState query={query}>
        {(b) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('common.unit')}>{b.unit.name}</Descriptions.Item>
              <Descriptions.Item label={t('rankings.col.total')}>
                <strong>{fmtNumber(b.total.points)}</strong> / {fmtNumber(b.total.max)} ({fmtPercent(b.total.percent)})
              </Descriptions.Item>
              <Descriptions.Item label={t('rankings.col.rank')}>{b.rank !== null ? t('rankings.rankAmong', { rank: b.rank, count: b.rankedAmong }) : t('rankings.notRanked')}</Descriptions.Item>
              <Descriptions.Item label={t('board.col.status')}>
                <StatusTag status={b.status as ReportStatus} /> {!b.counted && <Tag>{t('rankings.notCounted')}</Tag>}
              </Descriptions.Item>
            </Descriptions>
            <Collapse
              size="small"
              // A domain with no criterion for this level (a commune's D5, D6) is not scored, not 0%.
              items={b.domains.filter((d) => d.max > 0).map((d) => ({
                key: d.code,
                label: (
                  <Space>
                    <span>{d.title}</span>
                    <Typography.Text type="secondary">
                      {fmtNumber(d.points)}/{fmtNumber(d.max)}
                    </Typography.Text>
                  </Space>
                ),
                extra: <Progress percent={d.percent ?? 0} size="small" style={{ width: 90, margin: 0 }} format={(p) => fmtPercent(p ?? 0, 0)} />,
                children: (
                  <List
                    size="small"
                    dataSource={d.criteria}
                    renderItem={(c) => (
                      <List.Item>
                        <div style={{ width: '100%' }}>
                          <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                            <Typography.Text strong>{c.title}</Typography.Text>
                            <Tag color={c.points >= c.max ? 'green' : c.points > 0 ? 'gold' : 'red'}>
                              {fmtNumber(c.points)}/{fmtNumber(c.max)}
                            </Tag>
                          </Space>
                          <div>
                            <Typography.Text type="secondary">{en ? c.reason.en : c.reason.vi}</Typography.Text>
                          </div>
                          {c.inputs.map((i) => (
                            <div key={i.code} style={{ fontSize: 12 }}>
                              <Typography.Text code>{i.code}</Typography.Text> {i.title}: <strong>{i.value === null ? t('form.blank') : fmtNumber(i.value, 4)}</strong> {i.unit}
                            </div>
                          ))}
                        </div>
                      </List.Item>
                    )}
                  />
                ),
              }))}
            />
          </Space>
        )}
      </QueryState>
    </Drawer>
  );
}
