import { hasRole, mayEdit } from '../../lib/roles';
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Alert, Badge, Button, Space, Tag } from 'antd';
import { Typography } from '../../components/plain-typography';
import { HistoryOutlined, ImportOutlined, SendOutlined } from '@ant-design/icons';
import { defaultDocumentFields, emptyNarrativeSections, isEditableStatus, parsePeriodId, periodLabel, type AppendixParseResult, type Finding, type Template, type UnitLevel } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import { Navigate, useParams } from 'react-router-dom';
import { ApiError, errorText } from '../../api/api-error';
import { FindingList } from '../../components/report/finding-list';
import { useFetchReportTemplate } from '../../api/hooks/use-fetch-template';
import { LevelGroupsNote } from './level-groups-note';
import { useFetchUnit } from '../../api/hooks/use-fetch-unit';
import type { Report, SaveReportBody, UnitDetail } from '../../api/schema-types';
import { PreMergerHistory } from '../../components/pre-merger-history';
import { useUrlPeriod } from '../../lib/use-url-period';
import { ErrorState, LoadingState } from '../../components/query-state';
import { StatusTag } from '../../components/status-tag';
import { PlainList } from '../../components/plain-list';
import { PlainTabs } from '../../components/plain-tabs';
import { fmtDateTime } from '../../lib/format';
import { useUser } from '../../lib/auth-context';
import { evaluate, groupOf, saveBody, toRaw, visibleNodes, type DraftState } from '../../lib/form-state';
import { useFetchPreviousReport } from '../../api/hooks/use-fetch-previous-report';
import { useFetchReport } from '../../api/hooks/use-fetch-report';
import { useSaveReport } from './hooks/use-save-report';
import { useSubmitReport } from './hooks/use-submit-report';
import { IndicatorTree } from '../../components/report/indicator-tree';
import { DocumentActions } from '../../components/report-document/document-actions';
import { initialNarrative, type DocumentDraft } from '../../lib/document-draft';
import { useAutosave, type SaveState } from './use-autosave';
import { FormProgress } from './form-progress';
import { useChildrenColumn } from './children-column';
import { usePreviousColumn } from '../../components/report/previous-column';
import { useReviewerName } from '../../lib/use-reviewer-name';
import { useUnsavedGuard } from './use-unsaved-guard';
import { useFetchQuality } from '../../api/hooks/use-fetch-quality';
import { OutlierMark, outliersByCode, QualityWarnings } from '../../components/quality-marks';
import { useFeedback } from '../../lib/feedback';

// Loaded when the officer opens the "Văn bản" tab: its date picker and rich inputs are not needed to
// type figures, and a rural link would otherwise carry them before the form is usable.
const DocumentTab = lazy(() => import('../../components/report-document/document-tab').then((m) => ({ default: m.DocumentTab })));
// Loaded when first opened: the paste dialog's preview table (antd Table, ~47 KB brotli) and the
// history drawer's timeline are not part of the form's first screen.
const ImportAppendixModal = lazy(() => import('./import-appendix-modal').then((m) => ({ default: m.ImportAppendixModal })));
// antd Modal (with rc-dialog) too: the refused-submit dialog loads when a submit is first refused.
const SubmitBlockersModal = lazy(() => import('./submit-blockers-modal').then((m) => ({ default: m.SubmitBlockersModal })));
const HistoryDrawer = lazy(() => import('../../components/report/history-drawer').then((m) => ({ default: m.HistoryDrawer })));

/** True from the first time `open` is true: a lazily loaded dialog is mounted then, and stays mounted so it can animate closed. */
function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened || open;
}

/** The levels of the unit's tree: the 2025 tree has no district between commune and province. */
function treeLevels(unit: UnitDetail): UnitLevel[] {
  const near = [unit, ...unit.ancestors, ...unit.children];
  return near.some((u) => u.level === 'district') ? ['commune', 'district', 'province'] : ['commune', 'province'];
}

export function ReportFormPage() {
  const { unitCode = '', period = '' } = useParams();
  const user = useUser();
  const report = useFetchReport(unitCode, period);
  // The version the report was made with (a report not started: its period's).
  const template = useFetchReportTemplate(report, period);
  const unit = useFetchUnit(unitCode);
  const [generation, setGeneration] = useState(0);
  useUrlPeriod(period, (p) => `/reports/${unitCode}/${p}`);

  if (!mayEdit(user, unitCode) || hasRole(user, 'administrator')) return <Navigate to={`/review/${unitCode}/${period}`} replace />;
  if (report.isError) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  if (template.isError) return <ErrorState error={template.error} onRetry={() => void template.refetch()} />;
  if (template.isPending || report.isPending || unit.isPending) return <LoadingState rows={12} />;
  if (unit.isError) return <ErrorState error={unit.error} onRetry={() => void unit.refetch()} />;
  // A new editor (fresh from the server) when the report leaves or re-enters the editable states,
  // e.g. after it is submitted or the district returns it; never while the officer is typing.
  const status = report.data?.status ?? 'none';
  const phase = status === 'none' || isEditableStatus(status) ? 'edit' : status;
  return (
    <>
    {/* Level-awareness: which groups another level reports. */}
    <LevelGroupsNote nodes={template.data.nodes} level={unit.data.level} treeLevels={treeLevels(unit.data)} />
    <ReportEditor
      key={`${generation}-${phase}`}
      template={template.data}
      report={report.data}
      unitCode={unitCode}
      unitName={unit.data.name}
      level={unit.data.level}
      period={period}
      onReload={async () => {
        await report.refetch();
        setGeneration((g) => g + 1);
      }}
    />
    </>
  );
}

interface EditorProps {
  template: Template;
  report: Report | null;
  unitCode: string;
  unitName: string;
  level: UnitLevel;
  /** Who reviews this unit's report, named from the tree ("cấp tỉnh" for a two-tier commune). */
  period: string;
  onReload: () => Promise<void>;
}

function SaveIndicator({ state, onRetry, onReload }: { state: SaveState; onRetry: () => void; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  switch (state.kind) {
    case 'idle':
      return null;
    case 'dirty':
      return <Tag data-testid="save-state">{t('form.save.dirty')}</Tag>;
    case 'saving':
      return <Tag color="processing" data-testid="save-state">{t('form.save.saving')}</Tag>;
    case 'saved':
      return (
        <Tag color="success" data-testid="save-state">
          {t('form.save.saved', { at: state.at.toLocaleTimeString('vi-VN') })}
        </Tag>
      );
    case 'conflict':
      return (
        <Space size={4} data-testid="save-state">
          <Tag color="error">{t('form.save.conflict')}</Tag>
          <Button size="small" onClick={onReload}>
            {t('form.conflict.reload')}
          </Button>
        </Space>
      );
    case 'error':
      return (
        <Space size={4} data-testid="save-state">
          <Tag color="error">{t('form.save.failed', { reason: errorText(state.error, i18n.language) })}</Tag>
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        </Space>
      );
  }
}

function ReportEditor({ template, report, unitCode, unitName, level, period, onReload }: EditorProps) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { message, modal } = useFeedback();
  const [draft, setDraft] = useState<DraftState>(() => ({ raw: toRaw(report?.values ?? {}), notes: { ...(report?.notes ?? {}) }, narrative: { ...(report?.narrative ?? {}) } }));
  const server = useRef({ values: report?.values ?? {}, notes: report?.notes ?? {}, version: report?.version });
  // The "Văn bản" tab: sent only once touched, so saving figures never rewrites the document.
  const [docDraft, setDocDraft] = useState<{ document: DocumentDraft['document'] | null; narrative: DocumentDraft['narrative'] }>(() => ({
    document: report?.document ?? null,
    narrative: initialNarrative(report?.narrativeDoc, parsePeriodId(period)?.year),
  }));
  const docTouched = useRef({ document: false, narrative: false });
  const docRef = useRef(docDraft);
  // Before the first save there is no server answer with the defaults (an officer may not read the parent unit): a provisional set until then.
  const shownDocument = docDraft.document ?? defaultDocumentFields({ name: unitName, level }, null, period);
  const [openGroups, setOpenGroups] = useState<string[]>(['1']);
  const [tab, setTab] = useState('appendix');
  const [importOpen, setImportOpen] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const importMounted = useOpenedOnce(importOpen);
  const historyMounted = useOpenedOnce(historyOpen);
  const [blockers, setBlockers] = useState<Finding[] | null>(null);
  const blockersMounted = useOpenedOnce(blockers !== null);
  // A blank form is not wrong yet: a row shows its findings once it is touched (or holds a value), and
  // every row after a submit attempt; until then the check tab lists them all.
  const [touchedCodes, setTouchedCodes] = useState<ReadonlySet<string>>(() => new Set());
  const [submitTried, setSubmitTried] = useState(false);
  const markTouched = useCallback((codes: string[]) => setTouchedCodes((s) => (codes.every((c) => s.has(c)) ? s : new Set([...s, ...codes]))), []);
  const previous = useFetchPreviousReport(unitCode, period);
  const save = useSaveReport(unitCode, period);
  const submit = useSubmitReport(unitCode, period);
  const childrenColumn = useChildrenColumn(unitCode, period, level);
  const previousColumn = usePreviousColumn(period, previous.data);
  const reviewer = useReviewerName(unitCode);
  // What the reviewer will see as unusual, from the saved figures: warnings only, never a reason not to submit.
  const quality = useFetchQuality(unitCode, period, report?.version);
  const outliers = useMemo(() => outliersByCode(quality.data?.outliers), [quality.data]);
  // null for the rows without one, so the memoised rows are not redrawn on every keystroke.
  const outlierExtra = useCallback((code: string) => (outliers.has(code) ? <OutlierMark outliers={outliers.get(code)} /> : null), [outliers]);

  const status = report?.status ?? 'none';
  const editable = status === 'none' || isEditableStatus(status);

  // Jumps are measured against an approved previous report only, as the server does.
  const previousValues = previous.data?.status === 'approved' ? previous.data.values : undefined;
  const evaluated = useMemo(() => evaluate(template, draft.raw, level, { previous: previousValues }), [template, draft.raw, level, previousValues]);
  const nodes = useMemo(() => visibleNodes(template, level, new Set(Object.keys(draft.raw).filter((c) => draft.raw[c] !== ''))), [template, level, draft.raw]);
  const { errorCount, warningCount } = evaluated.evaluation;
  const emptySections = useMemo(() => emptyNarrativeSections(docDraft.narrative), [docDraft.narrative]);
  const rowFindings = useMemo(() => {
    if (submitTried) return evaluated.byCode;
    const shown = new Map<string, Finding[]>();
    for (const [code, fs] of evaluated.byCode) if (touchedCodes.has(code) || (draft.raw[code] ?? '').trim() !== '') shown.set(code, fs);
    return shown;
  }, [evaluated.byCode, submitTried, touchedCodes, draft.raw]);
  useUnsavedGuard(evaluated.unreadable.size);

  // Read by the autosave timer, later than this render: kept current after each commit.
  const draftRef = useRef(draft);
  const evaluatedRef = useRef(evaluated);
  useLayoutEffect(() => {
    draftRef.current = draft;
    evaluatedRef.current = evaluated;
  }, [draft, evaluated]);

  const autosave = useAutosave({
    enabled: editable,
    body: () => {
      const { narrative: _text, ...b } = saveBody(evaluatedRef.current, draftRef.current, server.current, server.current.version);
      const out: SaveReportBody = b;
      if (docTouched.current.narrative) out.narrative = docRef.current.narrative;
      if (docTouched.current.document && docRef.current.document) out.document = docRef.current.document;
      return out;
    },
    save: (body) => save.mutateAsync(body),
    onSaved: (r) => {
      server.current = { values: r.values, notes: r.notes, version: r.version };
      if (!docTouched.current.document) {
        docRef.current = { ...docRef.current, document: r.document };
        setDocDraft(docRef.current);
      }
    },
  });
  const { touch } = autosave;

  useEffect(() => {
    if (!autosave.dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [autosave.dirty]);

  const conflict = autosave.state.kind === 'conflict';
  useEffect(() => {
    if (!conflict) return;
    modal.confirm({
      title: t('form.conflict.title'),
      content: t('form.conflict.body'),
      okText: t('form.conflict.reload'),
      cancelText: t('form.conflict.stay'),
      onOk: () => onReload(),
    });
  }, [conflict, modal, onReload, t]);

  const onValueChange = useCallback(
    (code: string, raw: string) => {
      setDraft((d) => ({ ...d, raw: { ...d.raw, [code]: raw } }));
      markTouched([code]);
      touch();
    },
    [touch, markTouched],
  );
  const onNoteChange = useCallback(
    (code: string, note: string) => {
      setDraft((d) => ({ ...d, notes: { ...d.notes, [code]: note } }));
      touch();
    },
    [touch],
  );
  const onDocumentChange = useCallback(
    (patch: Partial<DocumentDraft>) => {
      if (patch.document) docTouched.current.document = true;
      if (patch.narrative) docTouched.current.narrative = true;
      // The ref is what the autosave reads: set here, not during render.
      docRef.current = { ...docRef.current, ...patch };
      setDocDraft(docRef.current);
      touch();
    },
    [touch],
  );

  const jumpTo = useCallback((code: string) => {
    setBlockers(null);
    setTab('appendix');
    setOpenGroups((g) => (g.includes(groupOf(code)) ? g : [...g, groupOf(code)]));
    // The group may still be opening (and the blockers dialog closing): try until the input is there
    // and holds the cursor, for at most ~1.5 s.
    let tries = 0;
    let held = 0;
    let scrolled = false;
    const place = () => {
      tries += 1;
      const input = document.getElementById(`input-${code}`);
      if (input && !scrolled) {
        scrolled = true;
        document.getElementById(`ind-${code}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      }
      if (input && document.activeElement === input) held += 1;
      else input?.focus({ preventScroll: true });
      if (tries < 6 && held < 2) setTimeout(place, 250);
    };
    setTimeout(place, 250);
  }, []);

  const applyImport = (result: AppendixParseResult) => {
    const placed = toRaw(result.values);
    setDraft((d) => ({ raw: { ...d.raw, ...placed }, notes: { ...d.notes, ...result.notes }, narrative: d.narrative }));
    setImportOpen(false);
    markTouched(Object.keys(placed));
    touch();
    message.success(t('import.applied', { count: Object.keys(placed).length }));
  };

  const onSubmit = () => {
    setSubmitTried(true);
    // The same evaluation as the badge and the check tab: the dialog cannot disagree with them.
    const blocking = evaluated.findings.filter((f) => f.severity === 'error');
    if (blocking.length > 0) {
      setBlockers(blocking);
      return;
    }
    const warns = warningCount;
    const unusual = (quality.data?.outliers.length ?? 0) + (quality.data?.narrative.length ?? 0);
    const body = warns > 0 ? t('form.submit.confirmWarnings', { count: warns, reviewer }) : t('form.submit.confirmBody', { reviewer });
    modal.confirm({
      title: t('form.submit.confirmTitle', { reviewer }),
      content: (
        <>
          <p>{body}</p>
          {unusual > 0 && <p data-testid="submit-quality-note">{t('quality.submitNote', { count: unusual })}</p>}
          {emptySections.length > 0 && <p data-testid="submit-narrative-empty">{t('form.narrativeEmpty', { sections: emptySections.join(', ') })}</p>}
        </>
      ),
      okText: t('form.submit.action'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await autosave.flush();
          await submit.mutateAsync(server.current.version);
          message.success(t('form.submit.done'));
        } catch (e) {
          const details = e instanceof ApiError ? (e.details as { findings?: Finding[] } | Finding[] | undefined) : undefined;
          const findings = Array.isArray(details) ? details : details?.findings;
          if (findings?.some((f) => f.severity === 'error')) setBlockers(findings.filter((f) => f.severity === 'error'));
          else if (!(e instanceof Error && e.message === 'conflict')) message.error(errorText(e, i18n.language));
        }
      },
    });
  };

  // The banner shows the latest return or reopening only (its comments share one time); older ones are history.
  const latestRound = (report?.comments ?? []).reduce((m, c) => (String(c.createdAt) > m ? String(c.createdAt) : m), '');
  const currentComments = (report?.comments ?? []).filter((c) => String(c.createdAt) === latestRound);
  const generalComments = currentComments.filter((c) => !c.indicatorCode);
  const codeComments = currentComments.filter((c) => !!c.indicatorCode);
  const commentsByCode = useMemo(() => {
    const out: Record<string, string[]> = {};
    if (isEditableStatus(status))
      for (const c of report?.comments ?? []) if (c.indicatorCode) (out[c.indicatorCode] ??= []).push(c.body);
    return out;
  }, [report?.comments, status]);

  return (
    <div data-testid="report-form">
      <div className="page-title">
        <Space wrap>
          <Typography.Title level={1}>
            {t('form.title', { period: periodLabel(period, en ? 'en' : 'vi') })}
          </Typography.Title>
          <Typography.Text type="secondary">{unitName}</Typography.Text>
          <StatusTag status={status} />
        </Space>
        <Space wrap>
          {editable && (
            <Button icon={<ImportOutlined />} onClick={() => setImportOpen(true)} data-testid="import-open">
              {t('import.open')}
            </Button>
          )}
          <DocumentActions unitCode={unitCode} period={period} disabled={!report} />
          <Button icon={<HistoryOutlined />} onClick={() => setHistoryOpen(true)} disabled={!report}>
            {t('history.open')}
          </Button>
          {editable && (
            <Button type="primary" icon={<SendOutlined />} onClick={onSubmit} loading={submit.isPending} data-testid="submit-report">
              {t('form.submit.action')}
            </Button>
          )}
        </Space>
      </div>

      <PreMergerHistory unitCode={unitCode} period={period} source="report" />
      {status === 'submitted' && <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="status-banner" message={t('form.banner.submitted', { at: fmtDateTime(report?.submittedAt), reviewer })} />}
      {status === 'approved' && <Alert type="success" showIcon style={{ marginBottom: 12 }} data-testid="status-banner" message={t('form.banner.approved', { at: fmtDateTime(report?.approvedAt) })} />}
      {status === 'returned' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="returned-banner"
          message={t(report?.returnedAs === 'reopened' ? 'form.banner.reopened' : 'form.banner.returned', { reviewer })}
          description={
            generalComments.length + codeComments.length > 0 ? (
              <PlainList
                items={[...generalComments, ...codeComments]}
                rowKey={(c, i) => `${c.indicatorCode ?? ''}:${i}`}
                actions={(c) => (c.indicatorCode ? <Button size="small" type="link" onClick={() => jumpTo(c.indicatorCode as string)}>{t('form.goTo')}</Button> : null)}
                render={(c) => (
                  <>
                    <span data-testid="review-comment">
                      {c.indicatorCode && <Typography.Text code>{c.indicatorCode}</Typography.Text>} {c.body}
                    </span>
                    <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                      {c.author ?? ''} {fmtDateTime(c.createdAt)}
                    </Typography.Text>
                  </>
                )}
              />
            ) : undefined
          }
        />
      )}

      {editable && (
        <div className="sticky-bar">
          <Space wrap>
            <SaveIndicator state={autosave.state} onRetry={autosave.retry} onReload={() => void onReload()} />
            <FormProgress evaluation={evaluated.evaluation} unsaved={evaluated.unreadable.size} onJump={jumpTo} emptySections={emptySections} />
          </Space>
        </div>
      )}

      {quality.data && (
        <QualityWarnings
          outliers={quality.data.outliers}
          narrative={quality.data.narrative}
          onJump={jumpTo}
          title={t('quality.officerTitle', { count: quality.data.outliers.length + quality.data.narrative.length })}
          hint={editable ? t('quality.officerHint') : undefined}
        />
      )}
      <div className="form-card">
        <PlainTabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'appendix',
              label: t('form.tabs.appendix'),
              children: (
                <IndicatorTree
                  template={template}
                  nodes={nodes}
                  raw={draft.raw}
                  notes={draft.notes}
                  findingsByCode={rowFindings}
                  comments={commentsByCode}
                  readOnly={!editable}
                  aside={childrenColumn}
                  previous={previousColumn}
                  extra={outlierExtra}
                  openGroups={openGroups}
                  onOpenGroupsChange={setOpenGroups}
                  onValueChange={onValueChange}
                  onNoteChange={onNoteChange}
                />
              ),
            },
            {
              key: 'document',
              label: t('document.tab'),
              children: (
                <Suspense fallback={<LoadingState rows={6} />}>
                  <DocumentTab value={{ document: shownDocument, narrative: docDraft.narrative }} onChange={onDocumentChange} readOnly={!editable} />
                </Suspense>
              ),
            },
            {
              key: 'findings',
              label: (
                <span>
                  {t('form.tabs.findings')} <Badge count={errorCount} showZero={false} data-testid="findings-tab-errors" /> {warningCount > 0 && <Badge count={warningCount} color="#faad14" data-testid="findings-tab-warnings" />}
                </span>
              ),
              children: <FindingList findings={evaluated.findings} onJump={jumpTo} />,
            },
          ]}
        />
      </div>

      <Suspense fallback={null}>
        {importMounted && <ImportAppendixModal open={importOpen} template={template} current={draft.raw} onClose={() => setImportOpen(false)} onApply={applyImport} />}
        {historyMounted && <HistoryDrawer unitCode={unitCode} period={period} open={historyOpen} onClose={() => setHistoryOpen(false)} />}
      </Suspense>
      {blockersMounted && (
        <Suspense fallback={null}>
          <SubmitBlockersModal blockers={blockers} warningCount={warningCount} onClose={() => setBlockers(null)} onJump={jumpTo} />
        </Suspense>
      )}
    </div>
  );
}
