import { isEditableStatus } from '@cchc/shared';
import { hasRole } from '../../lib/roles';
import { Alert, Button, Card, Col, List, Row, Space, Statistic, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { Period, Report } from '../../api/schema-types';
import { usePeriod } from '../../lib/period-context';
import { CoverageBanner } from '../../components/coverage-banner';
import { EmptyState, ErrorState, LoadingState, QueryState } from '../../components/query-state';
import { StatusTag, TimelinessTag } from '../../components/status-tag';
import { fmtDate, fmtDateTime } from '../../lib/format';
import { useFetchUnit } from '../../api/hooks/use-fetch-unit';
import { useUser } from '../../lib/auth-context';
import { useFetchSubmissions } from '../../api/hooks/use-fetch-submissions';
import { SubmissionStats } from '../../components/submission-stats';
import { useFetchSummary } from '../../api/hooks/use-fetch-summary';
import { useFetchRollupFailures } from '../../api/hooks/use-fetch-rollup-failures';
import { useFetchMyReports } from './hooks/use-fetch-my-reports';
import { ReportProgress } from './report-progress';
import { useReviewerName } from '../../lib/use-reviewer-name';

function DueText({ period }: { period: Period }) {
  const { t } = useTranslation();
  const days = dayjs(period.deadline).startOf('day').diff(dayjs().startOf('day'), 'day');
  if (days < 0) return <Typography.Text type="danger">{t('home.overdue', { date: fmtDate(period.deadline), days: -days })}</Typography.Text>;
  return <Typography.Text type={days <= 5 ? 'warning' : 'secondary'}>{t('home.dueIn', { date: fmtDate(period.deadline), days })}</Typography.Text>;
}

/** What is due and what waits for me, by role. */
export function HomePage() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <div data-testid="home-page">
      <div className="page-title">
        <Typography.Title level={1}>{t('home.greeting', { name: user.displayName })}</Typography.Title>
        <Typography.Text type="secondary">
          {user.roles.map((r) => t(`role.${r}`)).join(', ')}
          {user.unitName ? ` · ${user.unitName}` : ''}
        </Typography.Text>
      </div>
      {/* One card per role held: a district officer + reviewer sees its own report and its communes'. */}
      {hasRole(user, 'officer') && <OfficerHome />}
      {hasRole(user, 'reviewer', 'analyst') && <ReviewerHome />}
      {hasRole(user, 'administrator') && <AdminHome />}
    </div>
  );
}

function OfficerHome() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const user = useUser();
  const navigate = useNavigate();
  const { periods, isPending, error } = usePeriod();
  const unit = useFetchUnit(user.unitCode);
  // A period that ended before the unit existed belongs to whoever had its code then (19867 was Thị trấn Sịa): not this officer's to file.
  const shown = periods.filter((p) => unit.data !== undefined && p.endDate >= unit.data.validFrom).slice(0, 8);
  const reports = useFetchMyReports(user.unitCode, shown);
  const reviewer = useReviewerName(user.unitCode);
  if (isPending || unit.isPending) return <LoadingState />;
  if (error) return <ErrorState error={error} />;
  if (unit.error) return <ErrorState error={unit.error} />;
  if (shown.length === 0) return <EmptyState text={t('home.noPeriods')} />;
  const rowOf = (i: number): { report: Report | null | undefined; pending: boolean; error: unknown } => ({ report: reports[i]?.data, pending: !!reports[i]?.isPending, error: reports[i]?.error });
  const todo = shown.map((p, i) => ({ p, ...rowOf(i) })).filter((r) => !r.pending && !r.error && (!r.report || isEditableStatus(r.report.status)));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {todo.filter((r) => r.report?.status === 'returned').map((r) => (
        <Alert
          key={r.p.id}
          type="warning"
          showIcon
          message={t('home.returnedAlert', { period: en ? r.p.labelEn : r.p.label, reviewer })}
          description={r.report?.returnComment ?? undefined}
          action={<Button size="small" onClick={() => navigate(`/reports/${user.unitCode}/${r.p.id}`)}>{t('home.fix')}</Button>}
        />
      ))}
      <Card size="small" title={t('home.myReports')}>
        <List
          dataSource={shown.map((p, i) => ({ p, ...rowOf(i) }))}
          renderItem={({ p, report, pending, error: e }) => (
            <List.Item
              data-testid={`period-${p.id}`}
              actions={[
                <Button key="open" type={report?.status === 'approved' || report?.status === 'submitted' ? 'default' : 'primary'} onClick={() => navigate(`/reports/${user.unitCode}/${p.id}`)} data-testid={`open-report-${p.id}`}>
                  {!report ? t('home.start') : isEditableStatus(report.status) ? t('home.continue') : t('home.view')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>{en ? p.labelEn : p.label}</span>
                    {pending ? null : e ? <Typography.Text type="danger">{t('common.loadFailed')}</Typography.Text> : <StatusTag status={report?.status ?? 'none'} />}
                  </Space>
                }
                description={
                  <Space direction="vertical" size={0}>
                    {report?.status === 'submitted' || report?.status === 'approved' ? (
                      <Typography.Text type="secondary">{t('home.submittedOn', { at: fmtDateTime(report.submittedAt) })}</Typography.Text>
                    ) : (
                      <DueText period={p} />
                    )}
                    {report && isEditableStatus(report.status) && (
                      <ReportProgress report={report} periodId={p.id} />
                    )}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}

function ReviewerHome() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const user = useUser();
  const { periodId, period } = usePeriod();
  const board = useFetchSubmissions(user.unitCode, periodId);
  const summary = useFetchSummary(user.unitCode, periodId);
  if (!periodId) return <EmptyState text={t('home.noPeriods')} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {period && (
        <Typography.Text>
          {en ? period.labelEn : period.label} · <DueText period={period} />
        </Typography.Text>
      )}
      <QueryState query={board} rows={4}>
        {(b) => {
          const communes = b.rowsLevel === 'commune' ? b.rows : [];
          const waiting = communes.filter((r) => r.status === 'submitted');
          const late = communes.filter((r) => r.timeliness === 'missing' || r.timeliness === 'late');
          return (
            <>
              <SubmissionStats totals={b.totals} />
              {summary.data && (
                <div style={{ marginBottom: 12 }}>
                  <CoverageBanner coverage={summary.data.coverage} childLevel="commune" />
                </div>
              )}
              <Row gutter={[12, 12]}>
                {b.rowsLevel === 'commune' && (
                  <Col xs={24} lg={12}>
                    <Card size="small" title={t('home.waiting', { count: waiting.length })} data-testid="waiting-list">
                      {waiting.length === 0 ? (
                        <EmptyState text={t('home.nothingWaiting')} />
                      ) : (
                        <List
                          size="small"
                          dataSource={waiting}
                          renderItem={(r) => (
                            <List.Item actions={[<Link key="r" to={`/review/${r.unitCode}/${b.period}`}>{t('board.review')} <ArrowRightOutlined /></Link>]}>
                              <List.Item.Meta title={r.unitName} description={t('home.submittedOn', { at: fmtDateTime(r.submittedAt) })} />
                            </List.Item>
                          )}
                        />
                      )}
                    </Card>
                  </Col>
                )}
                {b.rowsLevel === 'commune' && (
                  <Col xs={24} lg={12}>
                    <Card size="small" title={t('home.lateOrMissing', { count: late.length })}>
                      {late.length === 0 ? (
                        <EmptyState text={t('home.noneLate')} />
                      ) : (
                        <List size="small" dataSource={late} renderItem={(r) => <List.Item extra={<TimelinessTag value={r.timeliness} />}>{r.unitName}</List.Item>} />
                      )}
                    </Card>
                  </Col>
                )}
                {b.rowsLevel === 'district' && (
                  <Col xs={24}>
                    <Card size="small" title={t('home.districts')}>
                      <List
                        size="small"
                        dataSource={b.rows}
                        renderItem={(g) => (
                          <List.Item actions={[<Link key="o" to={`/submissions/${g.unitCode}`}>{t('board.open')}</Link>]}>
                            <List.Item.Meta title={g.unitName} description={t('board.groupLine', { done: g.byStatus.submitted + g.byStatus.approved, expected: g.expected, approved: g.byStatus.approved })} />
                          </List.Item>
                        )}
                      />
                    </Card>
                  </Col>
                )}
              </Row>
            </>
          );
        }}
      </QueryState>
      <Space wrap>
        <Link to="/submissions">
          <Button>{t('nav.submissions')}</Button>
        </Link>
        <Link to="/summary">
          <Button>{t('nav.summary')}</Button>
        </Link>
        <Link to="/rankings">
          <Button>{t('nav.rankings')}</Button>
        </Link>
        <Link to="/exports">
          <Button>{t('nav.exports')}</Button>
        </Link>
      </Space>
    </Space>
  );
}

function AdminHome() {
  const { t } = useTranslation();
  const { periods } = usePeriod();
  const failures = useFetchRollupFailures();
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} md={12}>
        <Card size="small" title={t('nav.adminPeriods')} extra={<Link to="/admin/periods">{t('board.open')}</Link>}>
          <Statistic title={t('home.periodsOpen')} value={periods.length} />
        </Card>
      </Col>
      <Col xs={24} md={12}>
        <Card size="small" title={t('nav.adminUsers')} extra={<Link to="/admin/users">{t('board.open')}</Link>}>
          <Typography.Paragraph type="secondary">{t('home.adminUsersHelp')}</Typography.Paragraph>
        </Card>
      </Col>
      <Col xs={24} md={12}>
        <Card size="small" title={t('nav.adminRollups')} extra={<Link to="/admin/rollups">{t('board.open')}</Link>}>
          <QueryState query={failures}>
            {(list) => <Statistic title={t('home.rollupsFailing')} value={list.length} valueStyle={list.length > 0 ? { color: '#cf1322' } : undefined} />}
          </QueryState>
        </Card>
      </Col>
    </Row>
  );
}
