import { useEffect, type ReactNode } from 'react';
import { Button } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import {
  defaultDocumentFields,
  formatShortVietnameseDate,
  formatVietnameseNumber,
  NARRATIVE_SECTION_KEYS,
  parsePeriodId,
  periodLabel,
  placeDateLine,
  previousPeriodId,
  type NarrativeSubsection,
  type ReportDocumentFields,
  type Template,
} from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useFetchReport } from '../../api/hooks/use-fetch-report';
import { useFetchReportTemplate } from '../../api/hooks/use-fetch-template';
import { useFetchUnit } from '../../api/hooks/use-fetch-unit';
import type { Report } from '../../api/schema-types';
import { ErrorState, EmptyState, LoadingState } from '../../components/query-state';
import { useAuth } from '../../lib/auth-context';
import { useFetchSummary } from '../../api/hooks/use-fetch-summary';
import { useFetchPreviousReport } from '../../api/hooks/use-fetch-previous-report';
import { appendixNodes, issuerInSentence } from './appendix-rows';
import { initialNarrative } from '../../lib/document-draft';
import './print-report.css';

/** Paragraphs as the DOCX prints them; runs of tab-separated lines (a table pasted from Word) as a table. */
function Body({ paragraphs }: { paragraphs: string[] }) {
  const out: ReactNode[] = [];
  for (let i = 0; i < paragraphs.length; ) {
    if (paragraphs[i].includes('\t')) {
      const rows: string[] = [];
      while (i < paragraphs.length && paragraphs[i].includes('\t')) rows.push(paragraphs[i++]);
      out.push(
        <table key={i} className="appendix-table" style={{ marginBottom: '6pt' }}>
          <tbody>
            {rows.map((r, j) => (
              <tr key={j}>{r.split('\t').map((c, k) => <td key={k}>{c}</td>)}</tr>
            ))}
          </tbody>
        </table>,
      );
      continue;
    }
    if (paragraphs[i].trim() !== '') out.push(<p key={i}>{paragraphs[i]}</p>);
    i++;
  }
  return <>{out}</>;
}

function Subsection({ s, depth }: { s: NarrativeSubsection; depth: number }) {
  return (
    <>
      <p className={depth === 1 ? 'sub1' : depth === 2 ? 'sub2' : 'sub3'}>
        {s.number}. {s.title}
      </p>
      <Body paragraphs={s.paragraphs} />
      {(s.children ?? []).map((c, i) => (
        <Subsection key={i} s={c} depth={depth + 1} />
      ))}
    </>
  );
}

interface Figures {
  values: Record<string, number | null | undefined>;
  notes: Record<string, string>;
  coverageLine: string | null;
  /** The previous year's approved figures of the same period type ("Kỳ trước"), when there are any. */
  previous?: { label: string; values: Record<string, number> } | null;
}

/** The report laid out as the DOCX (Nghị định 30/2020/NĐ-CP, Phụ lục I), for the browser's print. */
export function PrintedReport({ report, template, unitName, periodId, figures }: { report: Report | null; template: Template; unitName: string; periodId: string; figures: Figures }) {
  const f: ReportDocumentFields = report?.document ?? defaultDocumentFields({ name: unitName, level: 'commune' }, null, periodId);
  const year = parsePeriodId(periodId)?.year;
  const narrative = initialNarrative(report?.narrativeDoc, year);
  const trichYeu = f.trichYeu ?? '';
  const who = issuerInSentence(f.issuerName, unitName);
  const list = (items: string[]) => items.map((x, i) => `- ${x}${i === items.length - 1 ? '.' : ';'}`);
  return (
    <div className="print-doc" data-testid="print-doc">
      <table className="header">
        <tbody>
          <tr>
            <td style={{ width: '40%' }}>
              {f.issuerParent && <p className="c t13">{f.issuerParent.toLocaleUpperCase('vi')}</p>}
              <p className="c t13 b">{f.issuerName}</p>
              <div className="rule" />
              <p className="c t13">Số: {f.soKyHieu}</p>
            </td>
            <td style={{ width: '60%' }}>
              <p className="c t12 b">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
              <p className="c t13 b">Độc lập - Tự do - Hạnh phúc</p>
              <div className="rule" style={{ width: '55%' }} />
              <p className="c i">{placeDateLine(f.place, f.date)}</p>
            </td>
          </tr>
        </tbody>
      </table>
      <p className="c b">BÁO CÁO</p>
      <p className="c b">{trichYeu}</p>
      <div className="rule" style={{ width: '25%' }} />
      {f.kinhGui.length === 1 ? (
        <p className="c">Kính gửi: {f.kinhGui[0]}.</p>
      ) : (
        <div style={{ marginLeft: '3cm' }}>
          <p className="no-indent">Kính gửi:</p>
          {list(f.kinhGui).map((x, i) => (
            <p key={i} className="no-indent" style={{ marginLeft: '1.5cm' }}>
              {x}
            </p>
          ))}
        </div>
      )}
      <Body paragraphs={f.preamble ?? []} />
      {NARRATIVE_SECTION_KEYS.map((k) => {
        const s = narrative[k]!;
        return (
          <section key={k}>
            <h2>
              {k}. {s.title}
            </h2>
            <Body paragraphs={s.intro} />
            {s.subsections.map((sub, i) => (
              <Subsection key={i} s={sub} depth={1} />
            ))}
          </section>
        );
      })}
      <p>
        Trên đây là Báo cáo {trichYeu.charAt(0).toLocaleLowerCase('vi')}
        {trichYeu.slice(1)} của {who}./.
      </p>
      <table className="closing">
        <tbody>
          <tr>
            <td style={{ width: '45%' }}>
              <p className="t12 b i">Nơi nhận:</p>
              {list(f.noiNhan).map((x, i) => (
                <p key={i} className="t11">
                  {x}
                </p>
              ))}
            </td>
            <td style={{ width: '55%' }}>
              <p className="c b">{f.signerCapacity}</p>
              <p className="c b">{f.signerTitle}</p>
              <div style={{ height: '5em' }} />
              <p className="c b">{f.signerName}</p>
            </td>
          </tr>
        </tbody>
      </table>

      <div className="appendix" data-testid="print-appendix">
        <p className="c b">Phụ lục</p>
        <p className="c b">THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CCHC</p>
        <p className="c b">TẠI {f.issuerName.toLocaleUpperCase('vi')}</p>
        <p className="c i">
          (Kèm theo Báo cáo số {f.soKyHieu.trim()} ngày {formatShortVietnameseDate(f.date)} của {who})
        </p>
        {figures.coverageLine && (
          <p className="c i" data-testid="print-coverage">
            {figures.coverageLine}
          </p>
        )}
        <table className="appendix-table">
          <thead>
            <tr>
              <th rowSpan={2}>STT</th>
              <th rowSpan={2}>Chỉ tiêu thống kê</th>
              <th colSpan={figures.previous ? 3 : 2}>Kết quả</th>
              <th rowSpan={2}>Ghi chú</th>
            </tr>
            <tr>
              <th>Đơn vị tính</th>
              {figures.previous && <th data-testid="print-previous-title">Kỳ trước ({figures.previous.label})</th>}
              <th>Số liệu</th>
            </tr>
          </thead>
          <tbody>
            {appendixNodes(template, 'commune').map((n) => {
              const v = figures.values[n.code];
              return (
                <tr key={n.code} className={n.depth === 1 || n.isHeading ? 'heading' : undefined} data-code={n.code}>
                  <td className="c">{n.breakdown ? (n.printedCode ?? '') : `${n.code}.`}</td>
                  <td style={{ paddingLeft: `${(n.depth - 1) * 6 + 4}pt` }}>{n.title}</td>
                  <td className="c">{n.displayUnit ?? n.unit}</td>
                  {figures.previous && <td className="num previous">{typeof figures.previous.values[n.code] === 'number' ? formatVietnameseNumber(figures.previous.values[n.code], 2) : ''}</td>}
                  <td className="num">{typeof v === 'number' ? formatVietnameseNumber(v, 2) : ''}</td>
                  <td>{figures.notes[n.code] ?? n.guidance ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** /bao-cao/:unitCode/:period/in — the printable document, without the app's chrome; prints itself once loaded. */
export function PrintReportPage() {
  const { unitCode = '', period = '' } = useParams();
  const { user, restoring } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const { t } = useTranslation();
  const unit = useFetchUnit(user ? unitCode : null);
  const report = useFetchReport(user ? unitCode : null, period);
  const template = useFetchReportTemplate(report, period);
  const consolidated = !!unit.data && unit.data.level !== 'commune';
  const summary = useFetchSummary(consolidated ? unitCode : null, consolidated ? period : null);
  const previous = useFetchPreviousReport(user && unit.data && !consolidated ? unitCode : undefined, period);
  const ready = !!unit.data && !!template.data && report.isSuccess && (!consolidated || summary.isSuccess) && (consolidated || !previous.isLoading);
  const autoPrint = new URLSearchParams(location.search).get('print') !== '0';

  useEffect(() => {
    if (!ready) return;
    document.title = `Báo cáo CCHC ${period} – ${unit.data?.name ?? ''}`;
    if (!autoPrint) return;
    // After layout and fonts, so the print preview has the whole document.
    const id = setTimeout(() => window.print(), 400);
    return () => clearTimeout(id);
  }, [ready, autoPrint, period, unit.data?.name]);

  if (restoring && !user) return <LoadingState />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  const failed = [unit, template, report, summary].find((q) => q.isError);
  if (failed) return <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />;
  if (!ready) return <LoadingState rows={12} />;
  if (!consolidated && !report.data) return <EmptyState text={t('document.noReport')} />;

  let figures: Figures;
  if (consolidated && summary.data) {
    const values: Record<string, number | null> = {};
    for (const ind of summary.data.indicators) if (ind.summary && ind.summary.count > 0) values[ind.code] = ind.summary.headline;
    const c = summary.data.coverage;
    figures = { values, notes: {}, coverageLine: `Tổng hợp từ ${c.reported}/${c.expected} xã có báo cáo ${summary.data.basis === 'approved' ? 'đã duyệt' : 'đã nộp'}` };
  } else {
    const prevId = previousPeriodId(period);
    figures = {
      values: report.data?.values ?? {},
      notes: report.data?.notes ?? {},
      coverageLine: null,
      previous: prevId && previous.data?.status === 'approved' ? { label: periodLabel(prevId), values: previous.data.values } : null,
    };
  }
  return (
    <>
      <div className="print-toolbar no-print">
        <Button onClick={() => navigate(-1)}>{t('document.back')}</Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-now">
          {t('document.printNow')}
        </Button>
      </div>
      <PrintedReport report={report.data ?? null} template={template.data} unitName={unit.data.name} periodId={period} figures={figures} />
    </>
  );
}
