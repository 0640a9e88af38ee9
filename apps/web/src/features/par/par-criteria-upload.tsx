import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { CheckCircleOutlined, DownloadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/api-error';
import { ErrorState } from '../../components/query-state';
import { InstrumentStatusTag } from '../../components/instrument-status-tag';
import { XlsxFilePicker } from '../../components/xlsx-file-picker';
import { parApi, saveDownload, uploadCriteriaXlsx, type ParCriteriaImportResult, type ParCriteriaSet } from './par-api';
import { criteriaProblems, type CriteriaProblemRow } from './par-criteria-problems';
import { useFeedback } from '../../lib/feedback';

const CRITERIA_SETS_KEY = ['par', 'criteria-sets'] as const;

/** What the last check said: a clean file (its summary), the rows at fault, or another refusal. */
type Outcome = { kind: 'ok'; result: ParCriteriaImportResult } | { kind: 'problems'; message: string; rows: CriteriaProblemRow[] } | { kind: 'refused'; message: string };

/**
 * The province's criteria sets, and a new one from Excel: the workbook (as downloaded) is checked first —
 * a dry run, nothing saved, every faulty row named in Vietnamese — and only a clean check offers to save
 * it as a draft, as the form templates' upload does.
 */
export function ParCriteriaSets() {
  const { message } = useFeedback();
  const qc = useQueryClient();
  const sets = useQuery({ queryKey: CRITERIA_SETS_KEY, queryFn: parApi.criteriaSets });
  const [file, setFile] = useState<File | null>(null);
  const [version, setVersion] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const reset = () => setOutcome(null);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    try {
      const result = await uploadCriteriaXlsx(file, version.trim(), dryRun);
      if (result.dryRun) return setOutcome({ kind: 'ok', result });
      void message.success(`Đã lưu bản nháp bộ tiêu chí "${result.version}".`);
      await qc.invalidateQueries({ queryKey: CRITERIA_SETS_KEY });
      setOutcome(null);
      setFile(null);
      setVersion('');
    } catch (e) {
      const text = e instanceof ApiError ? e.text('vi') : 'Không gửi được tệp.';
      const rows = e instanceof ApiError ? criteriaProblems(e.details) : null;
      setOutcome(rows ? { kind: 'problems', message: text, rows } : { kind: 'refused', message: text });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="Bộ tiêu chí" data-testid="par-criteria-sets">
      {sets.isError ? (
        <ErrorState error={sets.error} onRetry={() => void sets.refetch()} />
      ) : (
        <Table<ParCriteriaSet>
          rowKey="version"
          size="small"
          loading={sets.isPending}
          dataSource={sets.data ?? []}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            { title: 'Phiên bản', dataIndex: 'version', render: (v: string, s) => <span data-testid={`par-criteria-row-${v}`} data-status={s.status}>{v}</span> },
            { title: 'Tên', dataIndex: 'title', render: (v: string, s) => (s.demo ? <Space size={4} wrap>{v}<Tag>Minh họa</Tag></Space> : v) },
            { title: 'Trạng thái', dataIndex: 'status', render: (v: ParCriteriaSet['status']) => <InstrumentStatusTag status={v} /> },
            { title: 'Tổng điểm', dataIndex: 'maxPoints' },
            {
              title: '',
              key: 'xlsx',
              render: (_, s) => (
                <Button
                  size="small"
                  type="link"
                  icon={<DownloadOutlined />}
                  onClick={() => void saveDownload(`/api/par/criteria-sets/${encodeURIComponent(s.version)}/criteria.xlsx`, `bo-tieu-chi-${s.version}.xlsx`).catch((e: unknown) => void message.error(e instanceof ApiError ? e.text('vi') : 'Không tải được bộ tiêu chí.'))}
                >
                  Tải XLSX
                </Button>
              ),
            },
          ]}
        />
      )}
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
        Nhập bộ tiêu chí từ Excel
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        Tải tệp XLSX của một bộ tiêu chí, sửa trong Excel, rồi chọn tệp và đặt phiên bản mới. Tệp được kiểm tra trước (chưa lưu gì); chỉ khi không còn lỗi mới lưu được thành bản nháp.
      </Typography.Paragraph>
      <Space wrap align="start" data-testid="par-criteria-upload">
        <Input
          style={{ width: 240 }}
          value={version}
          onChange={(e) => {
            setVersion(e.target.value);
            reset();
          }}
          placeholder="Phiên bản mới, ví dụ hue-2026"
          aria-label="Phiên bản mới của bộ tiêu chí"
          data-testid="par-criteria-version"
        />
        <XlsxFilePicker
          file={file}
          onChange={(f) => {
            setFile(f);
            reset();
          }}
          label="Chọn tệp XLSX"
          testId="par-criteria-choose"
        />
        <Button type="primary" icon={<CheckCircleOutlined />} disabled={!file || !version.trim()} loading={busy && outcome?.kind !== 'ok'} onClick={() => void run(true)} data-testid="par-criteria-check">
          Kiểm tra tệp
        </Button>
        {outcome?.kind === 'ok' && (
          <Button type="primary" loading={busy} onClick={() => void run(false)} data-testid="par-criteria-save">
            Lưu bản nháp
          </Button>
        )}
      </Space>
      {outcome && (
        <div style={{ marginTop: 12 }} data-testid="par-criteria-result">
          {outcome.kind === 'ok' && (
            <Alert
              type="success"
              showIcon
              message={`Tệp hợp lệ: bộ tiêu chí "${outcome.result.title}" (phiên bản ${outcome.result.version}), ${outcome.result.domains} lĩnh vực, ${outcome.result.subCriteria} tiêu chí thành phần, tổng ${outcome.result.maxPoints} điểm. Chưa lưu gì.`}
            />
          )}
          {outcome.kind === 'refused' && <Alert type="error" showIcon message={outcome.message} />}
          {outcome.kind === 'problems' && (
            <>
              <Alert type="error" showIcon message={`Tệp có ${outcome.rows.length} lỗi, chưa lưu gì. Sửa trong Excel rồi kiểm tra lại.`} style={{ marginBottom: 8 }} />
              <Table<CriteriaProblemRow>
                size="small"
                rowKey="key"
                data-testid="par-criteria-problems"
                dataSource={outcome.rows}
                pagination={outcome.rows.length > 20 ? { pageSize: 20 } : false}
                columns={[
                  { title: 'Trang tính', dataIndex: 'sheet', width: 140, render: (v: string | null) => v ?? '—' },
                  { title: 'Dòng', dataIndex: 'row', width: 70, render: (v: number | null) => v ?? '—' },
                  { title: 'Cột', dataIndex: 'column', width: 160, render: (v: string | null) => v ?? '—' },
                  { title: 'Lỗi', dataIndex: 'vi' },
                ]}
              />
            </>
          )}
        </div>
      )}
    </Card>
  );
}
