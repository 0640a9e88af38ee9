import { Card, Col, Row, Statistic } from 'antd';
import { useIsNarrow } from '../../lib/use-is-narrow';
import { useTranslation } from 'react-i18next';
import type { SubmissionCounts } from '../../api/schema-types';

/** The board's headline: how many are in, waiting for review, late, missing. */
export function SubmissionStats({ totals }: { totals: SubmissionCounts }) {
  const { t } = useTranslation();
  const narrow = useIsNarrow();
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
        <Col key={i.key} xs={8} sm={8} md={6} lg={3}>
          <Card size="small" style={{ height: '100%' }} styles={{ body: narrow ? { padding: 8 } : undefined }}>
            <Statistic
              title={<span style={narrow ? { fontSize: 12 } : undefined}>{t(`board.stat.${i.key}`)}</span>}
              value={i.value}
              valueStyle={{ ...(i.color ? { color: i.color } : {}), ...(narrow ? { fontSize: 20 } : {}) }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
