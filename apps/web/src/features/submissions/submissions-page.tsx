import { useMemo, useState } from 'react';
import { Button, Card, List, Progress, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { ReminderTally, SubmissionGroup, SubmissionRow } from '../../api/schema-types';
import { usePeriod } from '../../lib/period-context';
import { EmptyState, QueryState } from '../../components/query-state';
import { StatusTag, TimelinessTag } from '../../components/status-tag';
import { fmtDate, fmtDateTime } from '../../lib/format';
import { useIsNarrow } from '../../lib/use-is-narrow';
import { useUser } from '../../lib/auth-context';
import { useFetchSubmissions } from '../../api/hooks/use-fetch-submissions';
import { SubmissionStats } from '../../components/submission-stats';
import { useFetchReminders } from './hooks/use-reminders';
import { NudgeAllButton, NudgeButton, ReminderTallyText, useNudgeActions } from './reminders';
import { mayNudge, remindable } from './reminder-rules';
import { UnusualDataCard } from './unusual-data-card';

type Filter = 'all' | 'toReview' | 'late' | 'missing';

/** Who has submitted, who is late, who is missing: the reviewer's daily board. */
export function SubmissionsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const { unitCode = user.unitCode ?? '' } = useParams();
  const { periodId, period } = usePeriod();
  const query = useFetchSubmissions(unitCode, periodId);
  const [filter, setFilter] = useState<Filter>('all');
  const narrow = useIsNarrow();
  const navigate = useNavigate();
  const reminders = useFetchReminders(unitCode, periodId);
  const tallies = useMemo(() => new Map((reminders.data ?? []).map((r) => [r.unitCode, r])), [reminders.data]);
  const canNudge = mayNudge(user, unitCode);
  const nudge = useNudgeActions(unitCode, periodId ?? '');

  return (
    <div data-testid="submissions-page">
      <div className="page-title">
        <Typography.Title level={1}>{t('board.title')}</Typography.Title>
        {period && <Typography.Text type="secondary">{t('board.deadline', { date: fmtDate(period.deadline) })}</Typography.Text>}
      </div>
      <QueryState query={query}>
        {(data) => (
          <>
            <Typography.Paragraph type="secondary">{data.unitName}</Typography.Paragraph>
            <SubmissionStats totals={data.totals} />
            <Card size="small">
              {data.rowsLevel === 'commune' ? (
                <CommuneTable
                  rows={data.rows}
                  filter={filter}
                  setFilter={setFilter}
                  period={data.period}
                  narrow={narrow}
                  tallies={tallies}
                  nudge={canNudge ? nudge : null}
                />
              ) : (
                <GroupTable rows={data.rows} onOpen={(code) => navigate(`/submissions/${code}`)} narrow={narrow} tallies={tallies} nudge={canNudge ? nudge : null} />
              )}
            </Card>
            <UnusualDataCard unitCode={unitCode} period={data.period} />
          </>
        )}
      </QueryState>
    </div>
  );
}

interface CommuneTableProps {
  rows: SubmissionRow[];
  filter: Filter;
  setFilter: (f: Filter) => void;
  period: string;
  narrow: boolean;
  tallies: Map<string, ReminderTally>;
  /** The reviewer's "Nhắc nộp"; null for whoever may only read the board. */
  nudge: ReturnType<typeof useNudgeActions> | null;
}

function CommuneTable({ rows, filter, setFilter, period, narrow, tallies, nudge }: CommuneTableProps) {
  const { t } = useTranslation();
  const nudgeButton = (r: SubmissionRow) => (nudge && remindable(r) ? <NudgeButton row={r} onNudge={nudge.one} loading={nudge.target === r.unitCode} /> : null);
  const shown = useMemo(
    () =>
      rows.filter((r) =>
        filter === 'all' ? true : filter === 'toReview' ? r.status === 'submitted' : filter === 'late' ? r.timeliness === 'late' : r.card === 'not_started',
      ),
    [rows, filter],
  );
  return (
    <>
      <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={(['all', 'toReview', 'late', 'missing'] as Filter[]).map((f) => ({ value: f, label: t(`board.filter.${f}`) }))}
        />
        {nudge && <NudgeAllButton onClick={nudge.all} loading={nudge.pending && nudge.target === null} disabled={!rows.some(remindable)} />}
      </Space>
      {narrow ? (
        <List
          size="small"
          dataSource={shown}
          locale={{ emptyText: <EmptyState text={t('board.empty')} /> }}
          renderItem={(r) => (
            <List.Item
              actions={
                r.status === 'missing'
                  ? undefined
                  : [
                      <Link key="o" to={`/review/${r.unitCode}/${period}`} data-testid={`open-${r.unitCode}`}>
                        {r.status === 'submitted' ? t('board.review') : t('board.view')}
                      </Link>,
                    ]
              }
            >
              <List.Item.Meta
                title={<span data-testid={`board-row-${r.unitCode}`}>{r.unitName}</span>}
                description={
                  <Space direction="vertical" size={2}>
                    <Space size={4} wrap>
                      <StatusTag status={r.status} />
                      <Lateness row={r} />
                    </Space>
                    <SubmittedWhen row={r} />
                    {remindable(r) && <ReminderTallyText tally={tallies.get(r.unitCode)} unitCode={r.unitCode} />}
                    {nudgeButton(r)}
                    {r.lastChange && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('board.col.lastChange')}: {fmtDateTime(r.lastChange)}</Typography.Text>}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      ) : (
      <Table<SubmissionRow>
        size="small"
        rowKey="unitCode"
        dataSource={shown}
        pagination={false}
        locale={{ emptyText: <EmptyState text={t('board.empty')} /> }}
        data-testid="board-table"
        columns={[
          { title: t('board.col.unit'), key: 'unit', render: (_, r) => <span data-testid={`board-row-${r.unitCode}`}>{r.unitName}</span>, sorter: (a, b) => a.unitName.localeCompare(b.unitName, 'vi'), width: 170 },
          { title: t('board.col.status'), dataIndex: 'status', render: (s: SubmissionRow['status']) => <StatusTag status={s} />, width: 120 },
          { title: t('board.col.timeliness'), key: 'timeliness', render: (_, r) => <Lateness row={r} />, width: 130 },
          { title: t('board.col.submittedAt'), key: 'submittedAt', render: (_, r) => <SubmittedWhen row={r} />, width: 170 },
          {
            title: t('reminders.col'),
            key: 'reminders',
            width: 190,
            render: (_, r) =>
              remindable(r) || tallies.has(r.unitCode) ? (
                <Space direction="vertical" size={2}>
                  <ReminderTallyText tally={tallies.get(r.unitCode)} unitCode={r.unitCode} />
                  {nudgeButton(r)}
                </Space>
              ) : null,
          },
          { title: t('board.col.lastChange'), key: 'last', render: (_, r) => (r.lastChange ? `${fmtDateTime(r.lastChange)}${r.lastChangeBy ? ` · ${r.lastChangeBy}` : ''}` : ''), sorter: (a, b) => (a.lastChange ?? '').localeCompare(b.lastChange ?? '') },
          {
            title: '',
            key: 'open',
            width: 110,
            render: (_, r) =>
              r.status === 'missing' ? null : (
                <Link to={`/review/${r.unitCode}/${period}`} data-testid={`open-${r.unitCode}`}>
                  {r.status === 'submitted' ? t('board.review') : t('board.view')}
                </Link>
              ),
          },
        ]}
      />
      )}
    </>
  );
}

/** Late reports say by how much (judged on the first submission). */
function Lateness({ row }: { row: SubmissionRow }) {
  const { t } = useTranslation();
  if (row.timeliness === 'late' && row.daysLate !== null && row.daysLate > 0) {
    return <Tag color="orange" data-testid={`days-late-${row.unitCode}`}>{t('board.daysLate', { count: row.daysLate })}</Tag>;
  }
  return <TimelinessTag value={row.timeliness} />;
}

/** First submission, and the last one too when it was submitted again after a return. */
function SubmittedWhen({ row }: { row: SubmissionRow }) {
  const { t } = useTranslation();
  const first = row.firstSubmittedAt ?? row.lastSubmittedAt;
  if (!first) return null;
  if (row.resubmitted && row.lastSubmittedAt) {
    return (
      <Typography.Text style={{ fontSize: 12 }} data-testid={`submitted-${row.unitCode}`}>
        {t('board.firstAndLast', { first: fmtDateTime(first), last: fmtDateTime(row.lastSubmittedAt) })}
      </Typography.Text>
    );
  }
  return <span data-testid={`submitted-${row.unitCode}`}>{fmtDateTime(first)}</span>;
}

interface GroupTableProps {
  rows: SubmissionGroup[];
  onOpen: (code: string) => void;
  narrow: boolean;
  tallies: Map<string, ReminderTally>;
  /** The reviewer's "Nhắc nộp" for each district's own report (the province reviews districts); null to only read. */
  nudge: ReturnType<typeof useNudgeActions> | null;
}

function GroupTable({ rows, onOpen, narrow, tallies, nudge }: GroupTableProps) {
  const { t } = useTranslation();
  const own = (r: SubmissionGroup) => ({ status: r.ownStatus });
  return (
    <>
      {nudge && (
        <Space style={{ marginBottom: 12, justifyContent: 'flex-end', width: '100%' }}>
          <NudgeAllButton onClick={nudge.all} loading={nudge.pending && nudge.target === null} disabled={!rows.some((r) => remindable(own(r)))} />
        </Space>
      )}
      <Table<SubmissionGroup>
        size="small"
        rowKey="unitCode"
        dataSource={rows}
        pagination={false}
        scroll={{ x: narrow ? 960 : undefined }}
        locale={{ emptyText: <EmptyState text={t('board.empty')} /> }}
        columns={[
          { title: t('board.col.unit'), key: 'unit', render: (_, r) => <span data-testid={`board-row-${r.unitCode}`}>{r.unitName}</span>, fixed: narrow ? 'left' : undefined, width: 170 },
          {
            title: t('board.col.progress'),
            key: 'progress',
            render: (_, r) => {
              const done = r.byStatus.submitted + r.byStatus.approved;
              return (
                <Space direction="vertical" size={0} style={{ width: '100%' }}>
                  <Progress percent={r.expected ? Math.round((done / r.expected) * 100) : 0} size="small" />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('board.groupLine', { done, expected: r.expected, approved: r.byStatus.approved })}
                  </Typography.Text>
                </Space>
              );
            },
          },
          { title: t('timeliness.late'), key: 'late', render: (_, r) => r.byTimeliness.late, width: 90 },
          { title: t('timeliness.missing'), key: 'missing', render: (_, r) => r.byTimeliness.missing, width: 90 },
          { title: t('board.col.ownReport'), key: 'own', render: (_, r) => <span data-testid={`own-status-${r.unitCode}`}><StatusTag status={r.ownStatus} /></span>, width: 130 },
          {
            title: t('reminders.col'),
            key: 'reminders',
            width: 190,
            render: (_, r) =>
              remindable(own(r)) || tallies.has(r.unitCode) ? (
                <Space direction="vertical" size={2}>
                  <ReminderTallyText tally={tallies.get(r.unitCode)} unitCode={r.unitCode} />
                  {nudge && remindable(own(r)) ? <NudgeButton row={r} onNudge={nudge.one} loading={nudge.target === r.unitCode} /> : null}
                </Space>
              ) : null,
          },
          { title: t('board.col.lastChange'), dataIndex: 'lastChange', render: (v: string | null) => fmtDateTime(v), width: 140 },
          { title: '', key: 'open', width: 90, render: (_, r) => <Button size="small" onClick={() => onOpen(r.unitCode)}>{t('board.open')}</Button> },
        ]}
      />
    </>
  );
}
