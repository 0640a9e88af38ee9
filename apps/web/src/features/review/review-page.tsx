import { hasRole, mayEdit, mayReview } from '../../lib/roles';
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, List, Row, Space, Table, Tabs, Typography } from 'antd';
import { CheckOutlined, FileExcelOutlined, HistoryOutlined, RollbackOutlined, UndoOutlined } from '@ant-design/icons';
import { emptyNarrativeSections, parsePeriodId, periodLabel } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { errorText } from '../../api/api-error';
import { useFetchReportTemplate } from '../../api/hooks/use-fetch-template';
import { useUrlPeriod } from '../../lib/use-url-period';
import { useFetchUnit } from '../../api/hooks/use-fetch-unit';
import type { DiffEntry } from '../../api/schema-types';
import { EmptyState, ErrorState, LoadingState } from '../../components/query-state';
import { StatusTag } from '../../components/status-tag';
import { fmtDateTime, fmtNumber } from '../../lib/format';
import { useUser } from '../../lib/auth-context';
import { useDownloadFile } from '../../lib/use-download-file';
import { toRaw, visibleNodes } from '../../lib/form-state';
import { HistoryDrawer } from '../../components/report/history-drawer';
import { useFetchReport } from '../../api/hooks/use-fetch-report';
import { IndicatorTree } from '../../components/report/indicator-tree';
import { usePreviousColumn } from '../../components/report/previous-column';
import { useFetchPreviousReport } from '../../api/hooks/use-fetch-previous-report';
import { FindingList } from '../../components/report/finding-list';
import { useApproveReport } from './hooks/use-approve-report';
import { useFetchReportDiff } from './hooks/use-fetch-report-diff';
import { useFetchQuality } from '../../api/hooks/use-fetch-quality';
import { OutlierMark, outliersByCode, QualityWarnings } from '../../components/quality-marks';
import { useReopenReport } from './hooks/use-reopen-report';
import { ReopenReportModal } from './reopen-report-modal';
import { useReturnReport } from './hooks/use-return-report';
import { ReturnReportModal } from './return-report-modal';
import { DocumentActions } from '../../components/report-document/document-actions';
import { initialNarrative } from '../../components/report-document/document-tab';
import { NarrativeOutlineEditor } from '../../components/report-document/narrative-outline-editor';
import { useFeedback } from '../../lib/feedback';

/** The reviewer's view of one report: its figures, findings, what changed since it was returned, and the decision. */
export function ReviewPage() {
  const { unitCode = '', period = '' } = useParams();
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const user = useUser();
  const { message, modal } = useFeedback();
  const navigate = useNavigate();
  const reportQ = useFetchReport(unitCode, period);
  // The version the report was made with (a report not started: its period's).
  const template = useFetchReportTemplate(reportQ, period);
  const unit = useFetchUnit(unitCode);
  const report = reportQ.data ?? null;
  const diff = useFetchReportDiff(unitCode, period, !!report);
  const approve = useApproveReport(unitCode, period);
  const ret = useReturnReport(unitCode, period);
  const reopen = useReopenReport(unitCode, period);
  const [returnOpen, setReturnOpen] = useState(false);
  const [reopenOpen, setReopenOpen] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [openGroups, setOpenGroups] = useState<string[]>(['1', '2', '3', '4', '5', '6', '7']);
  const xlsx = useDownloadFile();
  useUrlPeriod(period, (p) => `/review/${unitCode}/${p}`);

  const raw = useMemo(() => toRaw(report?.values ?? {}), [report?.values]);
  const byCode = useMemo(() => {
    const m = new Map<string, NonNullable<typeof report>['findings']>();
    for (const f of report?.findings ?? []) for (const c of f.codes ?? [f.code]) m.set(c, [...(m.get(c) ?? []), f]);
    return m;
  }, [report?.findings]);
  const changed = useMemo(() => new Map((diff.data?.changes ?? []).map((c) => [c.code, c])), [diff.data]);
  const previous = useFetchPreviousReport(unitCode, period);
  const previousColumn = usePreviousColumn(period, previous.data);
  const quality = useFetchQuality(unitCode, period, report?.version);
  const outliers = useMemo(() => outliersByCode(quality.data?.outliers), [quality.data]);

  if (mayEdit(user, unitCode) && !hasRole(user, 'administrator')) return <Navigate to={`/reports/${unitCode}/${period}`} replace />;
  if (reportQ.isError) return <ErrorState error={reportQ.error} onRetry={() => void reportQ.refetch()} />;
  if (template.isError) return <ErrorState error={template.error} onRetry={() => void template.refetch()} />;
  if (template.isPending || reportQ.isPending || unit.isPending) return <LoadingState rows={12} />;
  if (unit.isError) return <ErrorState error={unit.error} onRetry={() => void unit.refetch()} />;
  if (!report) return <EmptyState text={t('review.noReport', { unit: unit.data.name })}><Button onClick={() => navigate('/submissions')}>{t('nav.submissions')}</Button></EmptyState>;

  const nodes = visibleNodes(template.data, unit.data.level, new Set(Object.keys(raw)));
  const errors = report.findings.filter((f) => f.severity === 'error');
  // The unit directly above decides (the API refuses anyone else but an administrator); analysts only read.
  const isReviewer = mayReview(user, unit.data);
  const fail = (e: unknown) => message.error(errorText(e, i18n.language));

  const onApprove = () =>
    modal.confirm({
      title: t('review.approveConfirm', { unit: unit.data.name }),
      content: errors.length ? t('review.approveWithErrors', { count: errors.length }) : t('review.approveBody'),
      okText: t('review.approve'),
      cancelText: t('common.cancel'),
      onOk: () =>
        approve.mutateAsync(report.version).then(
          () => message.success(t('review.approved')),
          (e: unknown) => fail(e),
        ),
    });
  const onReopen = () => setReopenOpen(true);

  const emptySections = emptyNarrativeSections(initialNarrative(report.narrativeDoc, parsePeriodId(period)?.year));
  const generalComments = report.comments.filter((c) => !c.indicatorCode);
  const indicatorComments: Record<string, string[]> = {};
  for (const c of report.comments) if (c.indicatorCode) (indicatorComments[c.indicatorCode] ??= []).push(c.body);

  return (
    <div data-testid="review-page">
      <div className="page-title">
        <Space wrap>
          <Typography.Title level={1}>{t('review.title', { unit: unit.data.name })}</Typography.Title>
          <Typography.Text type="secondary">{periodLabel(period, en ? 'en' : 'vi')}</Typography.Text>
          <StatusTag status={report.status} />
        </Space>
        <Space wrap>
          <Button icon={<HistoryOutlined />} onClick={() => setHistoryOpen(true)}>
            {t('history.open')}
          </Button>
          <Button icon={<FileExcelOutlined />} loading={xlsx.state.kind === 'running'} onClick={() => void xlsx.start(api.reportExportPath(unitCode, period), `bao-cao-${unitCode}-${period}.xlsx`)}>
            {t('review.downloadXlsx')}
          </Button>
          <DocumentActions unitCode={unitCode} period={period} />
          {isReviewer && report.status === 'submitted' && (
            <>
              <Button danger icon={<RollbackOutlined />} onClick={() => setReturnOpen(true)} data-testid="return-report">
                {t('review.return')}
              </Button>
              <Button type="primary" icon={<CheckOutlined />} onClick={onApprove} loading={approve.isPending} data-testid="approve-report">
                {t('review.approve')}
              </Button>
            </>
          )}
          {isReviewer && report.status === 'approved' && (
            <Button icon={<UndoOutlined />} onClick={onReopen} loading={reopen.isPending} data-testid="reopen-report">
              {t('review.reopen')}
            </Button>
          )}
        </Space>
      </div>
      {xlsx.state.kind === 'error' && <Alert type="error" showIcon message={errorText(xlsx.state.error, i18n.language)} style={{ marginBottom: 12 }} />}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('review.facts')}>
            <Typography.Paragraph style={{ marginBottom: 4 }}>
              {t('review.submittedAt')}: <strong>{fmtDateTime(report.submittedAt) || '—'}</strong>
              {report.onTime === true && <Typography.Text type="success"> · {t('timeliness.on_time')}</Typography.Text>}
              {report.onTime === false && <Typography.Text type="warning"> · {t('timeliness.late')}</Typography.Text>}
            </Typography.Paragraph>
            <Typography.Paragraph style={{ marginBottom: 4 }}>
              {t('review.lastChange')}: {fmtDateTime(report.updatedAt)} {report.updatedBy ? `· ${report.updatedBy}` : ''}
            </Typography.Paragraph>
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              {t('review.version')}: {report.version}
            </Typography.Paragraph>
            {generalComments.length > 0 && (
              <List
                size="small"
                // Once resubmitted, earlier reasons are history, not what the unit is asked to fix now.
                header={<strong>{t(report.status === 'returned' ? 'review.comments' : 'review.commentsPast')}</strong>}
                dataSource={generalComments}
                renderItem={(c) => (
                  <List.Item>
                    <span>{c.body}</span>
                    <Typography.Text type="secondary">
                      {c.author} {fmtDateTime(c.createdAt)}
                    </Typography.Text>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('review.changesTitle')} data-testid="review-changes">
            {diff.isPending ? (
              <LoadingState rows={3} />
            ) : diff.isError ? (
              <ErrorState error={diff.error} onRetry={() => void diff.refetch()} />
            ) : !diff.data.since ? (
              <Typography.Text type="secondary">{t('review.firstSubmission')}</Typography.Text>
            ) : diff.data.changes.length === 0 ? (
              <Typography.Text type="secondary">{t('review.noChanges', { at: fmtDateTime(diff.data.since.at) })}</Typography.Text>
            ) : (
              <>
                <Typography.Text type="secondary">{t('review.changesSince', { at: fmtDateTime(diff.data.since.at), count: diff.data.changes.length })}</Typography.Text>
                <Table<DiffEntry>
                  size="small"
                  rowKey="code"
                  pagination={false}
                  scroll={{ y: 200 }}
                  dataSource={diff.data.changes}
                  columns={[
                    { title: t('form.colCode'), dataIndex: 'code', width: 90 },
                    { title: t('review.before'), dataIndex: 'before', align: 'right', render: (v: number | null) => (v === null ? t('form.blank') : fmtNumber(v, 4)) },
                    { title: t('review.after'), dataIndex: 'after', align: 'right', render: (v: number | null) => <strong>{v === null ? t('form.blank') : fmtNumber(v, 4)}</strong> },
                  ]}
                />
              </>
            )}
          </Card>
        </Col>
      </Row>
      {quality.data && (
        <QualityWarnings outliers={quality.data.outliers} narrative={quality.data.narrative} title={t('quality.listTitle')} hint={t('quality.listHint')} />
      )}
      {/* The same sections the officer's submit dialog named as empty (shared emptyNarrativeSections). */}
      {emptySections.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="review-narrative-empty" message={t('review.narrativeEmpty', { sections: emptySections.join(', ') })} />
      )}
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Tabs
          tabBarStyle={{ padding: '0 12px', marginBottom: 0 }}
          items={[
            {
              key: 'appendix',
              label: t('form.tabs.appendix'),
              children: (
                <IndicatorTree
                  template={template.data}
                  nodes={nodes}
                  raw={raw}
                  notes={report.notes}
                  findingsByCode={byCode}
                  comments={indicatorComments}
                  readOnly
                  previous={previousColumn}
                  openGroups={openGroups}
                  onOpenGroupsChange={setOpenGroups}
                  extra={(code) => {
                    const c = changed.get(code);
                    if (!c && !outliers.has(code)) return null;
                    return (
                      <>
                        {c && (
                          <div className="ind-row__comment" data-testid={`changed-${code}`}>
                            {t('review.changedFrom', { before: c.before === null ? t('form.blank') : fmtNumber(c.before, 4) })}
                          </div>
                        )}
                        <OutlierMark outliers={outliers.get(code)} />
                      </>
                    );
                  }}
                />
              ),
            },
            { key: 'narrative', label: t('form.tabs.narrative'), children: <div style={{ padding: 12 }}><NarrativeOutlineEditor value={initialNarrative(report.narrativeDoc, parsePeriodId(period)?.year)} onChange={() => undefined} readOnly /></div> },
            {
              key: 'findings',
              label: t('review.findingsTab', { errors: errors.length, warnings: report.findings.length - errors.length }),
              children: <FindingList findings={report.findings} />,
            },
          ]}
        />
      </Card>
      <ReturnReportModal
        open={returnOpen}
        nodes={template.data.nodes}
        suggested={[...new Set(errors.map((f) => f.code))].slice(0, 5)}
        loading={ret.isPending}
        onCancel={() => setReturnOpen(false)}
        onSubmit={(body) =>
          ret.mutate(body, {
            onSuccess: () => {
              setReturnOpen(false);
              message.success(t('review.returned'));
            },
            onError: fail,
          })
        }
      />
      <ReopenReportModal
        open={reopenOpen}
        loading={reopen.isPending}
        onCancel={() => setReopenOpen(false)}
        onSubmit={(reason) =>
          reopen.mutate(
            { reason, version: report.version },
            {
              onSuccess: () => {
                setReopenOpen(false);
                message.success(t('review.reopened'));
              },
              onError: fail,
            },
          )
        }
      />
      <HistoryDrawer unitCode={unitCode} period={period} open={historyOpen} onClose={() => setHistoryOpen(false)} />
    </div>
  );
}
