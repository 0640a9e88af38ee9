import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useIsNarrow } from '../lib/use-is-narrow';
import { useTranslation } from 'react-i18next';
import type { SubmissionCounts } from '../api/schema-types';

/**
 * The board's headline: every commune on exactly one card (a started draft is "Đang soạn",
 * not "Chưa nộp"), so the cards add up to the number of communes; lateness is a separate count.
 */
export function SubmissionStats({ totals }: { totals: SubmissionCounts }) {
  const { t } = useTranslation();
  const narrow = useIsNarrow();
  const c = totals.cards;
  const items = [
    { key: 'expected', value: totals.expected },
    { key: 'not_started', value: c.not_started, color: '#cf1322' },
    { key: 'drafting', value: c.drafting },
    { key: 'submitted', value: c.submitted, color: '#1677ff' },
    { key: 'returned', value: c.returned, color: '#d48806' },
    { key: 'approved', value: c.approved, color: '#389e0d' },
    { key: 'late', value: totals.byTimeliness.late, color: '#d46b08' },
  ];
  return (
    <>
      <Row gutter={[8, 8]} style={{ marginBottom: 4 }} data-testid="board-cards">
        {items.map((i) => (
          <Col key={i.key} xs={8} sm={8} md={6} lg={3}>
            <Card size="small" style={{ height: '100%' }} styles={{ body: narrow ? { padding: 8 } : undefined }} data-testid={`board-card-${i.key}`}>
              <Statistic
                title={<span style={narrow ? { fontSize: 12 } : undefined}>{t(`board.card.${i.key}`)}</span>}
                value={i.value}
                valueStyle={{ ...(i.color ? { color: i.color } : {}), ...(narrow ? { fontSize: 20 } : {}) }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 12 }} data-testid="board-cards-sum">
        {t('board.cardsSum', { notStarted: c.not_started, drafting: c.drafting, submitted: c.submitted, returned: c.returned, approved: c.approved, expected: totals.expected })}
      </Typography.Paragraph>
    </>
  );
}
