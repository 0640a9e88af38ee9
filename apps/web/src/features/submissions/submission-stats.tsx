import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SubmissionCounts } from '../../api/types';

/** The board's headline: how many are in, waiting for review, late, missing. */
export function SubmissionStats({ totals }: { totals: SubmissionCounts }) {
  const { t } = useTranslation();
  const s = totals.byStatus;
  const items = [
    { key: 'expected', value: totals.expected },
    { key: 'submitted', value: s.submitted, color: '#1677ff' },
    { key: 'approved', value: s.approved, color: '#389e0d' },
    { key: 'returned', value: s.returned, color: '#d48806' },
    { key: 'draft', value: s.draft },
    { key: 'late', value: totals.byTimeliness.late, color: '#d46b08' },
    { key: 'missing', value: totals.byTimeliness.missing, color: '#cf1322' },
  ];
  return (
    <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
      {items.map((i) => (
        <Col key={i.key} xs={12} sm={8} md={6} lg={3}>
          <Card size="small">
            <Statistic title={t(`board.stat.${i.key}`)} value={i.value} valueStyle={i.color ? { color: i.color } : undefined} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
