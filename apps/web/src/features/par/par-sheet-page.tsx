import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Input, InputNumber, List, Row, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { FileWordOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/api-error';
import { ErrorState, LoadingState } from '../../components/query-state';
import { download } from '../../api/client';
import { ParAdjustments } from './par-adjustments';
import { parApi, saveDownload, SHEET_STATUS_VI, uploadEvidence, type ParSheet, type ParSheetRow } from './par-api';
import { useFeedback } from '../../lib/feedback';

type Draft = { score?: number | null; notApplicable?: boolean; note?: string; overrideReason?: string; comment?: string; requestExplanation?: boolean; explanation?: string };

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));

function ScoreInput({ row, value, onChange, disabled }: { row: ParSheetRow; value: number | null | undefined; onChange: (v: number | null) => void; disabled?: boolean }) {
  if (row.allowedScores.length > 0) {
    return (
      <Select
        aria-label={`Điểm ${row.code}`}
        style={{ minWidth: 110 }}
        disabled={disabled}
        value={value ?? undefined}
        placeholder="Chọn điểm"
        allowClear
        onChange={(v) => onChange(v ?? null)}
        options={row.allowedScores.map((s) => ({ value: s, label: `${s} điểm` }))}
      />
    );
  }
  return <InputNumber aria-label={`Điểm ${row.code}`} min={0} max={row.maxPoints} step={0.25} disabled={disabled} value={value ?? null} onChange={(v) => onChange(v ?? null)} addonAfter={`/ ${row.maxPoints}`} />;
}

function EvidenceLinks({ roundId, unitCode, row }: { roundId: number; unitCode: string; row: ParSheetRow }) {
  if (!row.evidence.length) return <Typography.Text type="secondary">Chưa có tệp</Typography.Text>;
  return (
    <Space direction="vertical" size={0}>
      {row.evidence.map((e) => (
        <Typography.Link
          key={e.id}
          onClick={() =>
            void download(`/api/par/rounds/${roundId}/sheets/${unitCode}/evidence/${e.id}`, () => undefined).then(({ blob }) => {
              const a = document.createElement('a');
              a.href = URL.createObjectURL(blob);
              a.download = e.fileName;
              a.click();
            })
          }
        >
          {e.fileName}
        </Typography.Link>
      ))}
    </Space>
  );
}

/** The commune's sheet (cards, usable on a phone) or the appraiser's side-by-side view, by who opens it. */
export function ParSheetPage() {
  const { roundId: rid = '', unitCode = '' } = useParams();
  const roundId = Number(rid);
  const { i18n } = useTranslation();
  const { message } = useFeedback();
  const qc = useQueryClient();
  const key = ['par', 'sheet', roundId, unitCode];
  const q = useQuery({ queryKey: key, queryFn: () => parApi.sheet(roundId, unitCode) });
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const set = (code: string, d: Draft) => setDrafts((x) => ({ ...x, [code]: { ...x[code], ...d } }));
  const done = (s: ParSheet) => {
    qc.setQueryData(key, s);
    setDrafts({});
    void qc.invalidateQueries({ queryKey: ['par', 'round', roundId] });
    void message.success('Đã lưu.');
  };
  const fail = (e: unknown) => void message.error(e instanceof ApiError ? e.text(i18n.language) : 'Không lưu được.');
  const saveSelf = useMutation({
    mutationFn: (extra?: Array<{ code: string; acceptSuggestion: true }>) =>
      parApi.saveSelf(roundId, unitCode, [
        ...Object.entries(drafts).map(([code, d]) => ({ code, ...(d.score !== undefined ? { score: d.score } : {}), ...(d.notApplicable !== undefined ? { notApplicable: d.notApplicable } : {}), ...(d.note !== undefined ? { note: d.note } : {}), ...(d.overrideReason !== undefined ? { overrideReason: d.overrideReason } : {}) })),
        ...(extra ?? []),
      ]),
    onSuccess: done,
    onError: fail,
  });
  const submit = useMutation({ mutationFn: () => parApi.submit(roundId, unitCode), onSuccess: done, onError: fail });
  const appraise = useMutation({
    mutationFn: () =>
      parApi.appraise(
        roundId,
        unitCode,
        Object.entries(drafts).map(([code, d]) => ({ code, ...(d.score !== undefined ? { score: d.score } : {}), ...(d.comment !== undefined ? { comment: d.comment } : {}), ...(d.requestExplanation !== undefined && q.data?.stage === 'appraisal_1' ? { requestExplanation: d.requestExplanation } : {}) })),
      ),
    onSuccess: done,
    onError: fail,
  });
  const explain = useMutation({
    mutationFn: () => parApi.explain(roundId, unitCode, Object.entries(drafts).filter(([, d]) => d.explanation).map(([code, d]) => ({ code, explanation: d.explanation! }))),
    onSuccess: done,
    onError: fail,
  });
  const finalize = useMutation({ mutationFn: () => parApi.finalize(roundId, unitCode), onSuccess: done, onError: fail });

  if (q.isPending) return <LoadingState />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const s = q.data;
  const selfStage = s.stage === 'self_assessment' && s.status === 'draft';
  const explaining = s.stage === 'explanation';
  const status = SHEET_STATUS_VI[s.status];
  const docxButton = (
    <Button icon={<FileWordOutlined />} data-testid="par-sheet-docx" onClick={() => void saveDownload(`/api/par/rounds/${roundId}/sheets/${unitCode}/sheet.docx`, `phieu-tu-danh-gia-${unitCode}.docx`).catch(fail)}>
      Tải phiếu (DOCX) để ký
    </Button>
  );
  const header = (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ marginBottom: 0 }}>
        Phiếu tự đánh giá — {s.unitName}
      </Typography.Title>
      <Space wrap>
        <Tag color={status?.color} data-testid="par-sheet-status">
          {status?.label ?? s.status}
        </Tag>
        <span>
          Tự chấm: <b>{s.selfTotal}</b> · Thẩm định: <b>{s.appraisedTotal}</b> / {s.applicableMax} điểm áp dụng
        </span>
      </Space>
      <Space wrap>
        {s.domains.map((d) => (
          // Long domain titles wrap on a phone instead of pushing the page sideways.
          <Tag key={d.code} style={{ whiteSpace: 'normal', maxWidth: '100%' }}>
            {d.code}. {d.title}: {d.appraised}/{d.max}
          </Tag>
        ))}
      </Space>
    </Space>
  );

  if (s.appraiserView) {
    return (
      <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="par-side-by-side">
        {header}
        {!s.canAppraise && <Alert type="info" showIcon message="Chỉ xem: phiếu không ở giai đoạn thẩm định (chưa nộp, đã hoàn thiện, hoặc ngoài thời hạn)." />}
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          scroll={{ x: 1200 }}
          dataSource={s.rows}
          columns={[
            { title: 'Mã', dataIndex: 'code', width: 70, fixed: 'left' },
            { title: 'Tiêu chí', dataIndex: 'title', width: 240, render: (v: string, r) => <span>{v} <Typography.Text type="secondary">(tối đa {r.maxPoints})</Typography.Text></span> },
            { title: 'Tự chấm', width: 90, render: (_: unknown, r) => (r.self.notApplicable ? <Tag>Không áp dụng</Tag> : fmt(r.self.score)) },
            { title: 'Gợi ý từ báo cáo năm', width: 180, render: (_: unknown, r) => (r.suggestion ? <Typography.Text title={r.suggestion.reasonVi}>{r.suggestion.points} — {r.suggestion.reasonVi}</Typography.Text> : '—') },
            { title: 'Tài liệu kiểm chứng', width: 180, render: (_: unknown, r) => <EvidenceLinks roundId={roundId} unitCode={unitCode} row={r} /> },
            { title: 'Thẩm định 1', width: 110, render: (_: unknown, r) => <span>{fmt(r.appraisal1?.score)} {r.appraisal1?.comment && <Typography.Text type="secondary">— {r.appraisal1.comment}</Typography.Text>}</span> },
            { title: 'Giải trình', width: 200, render: (_: unknown, r) => (r.explainRequested ? r.explanation ?? <Tag color="orange">Chờ giải trình</Tag> : '—') },
            { title: 'Thẩm định 2', width: 100, render: (_: unknown, r) => fmt(r.appraisal2?.score) },
            {
              title: s.stage === 'appraisal_2' ? 'Điểm thẩm định lần 2' : 'Điểm thẩm định',
              width: 260,
              render: (_: unknown, r) =>
                s.stage === 'finalisation' || !s.canAppraise ? (
                  fmt(r.outcome.score)
                ) : (
                  <Space direction="vertical" size={4}>
                    <ScoreInput row={r} value={drafts[r.code]?.score ?? r.outcome.score} onChange={(v) => set(r.code, { score: v })} />
                    <Input placeholder="Nhận xét" value={drafts[r.code]?.comment ?? ''} onChange={(e) => set(r.code, { comment: e.target.value })} />
                    {s.stage === 'appraisal_1' && (
                      <Checkbox checked={drafts[r.code]?.requestExplanation ?? r.explainRequested} onChange={(e) => set(r.code, { requestExplanation: e.target.checked })}>
                        Yêu cầu giải trình
                      </Checkbox>
                    )}
                  </Space>
                ),
            },
          ]}
        />
        <ParAdjustments sheet={s} onChange={done} />
        <Space wrap>
          {docxButton}
          {s.canAppraise && s.stage !== 'finalisation' && (
            <Button type="primary" disabled={!Object.keys(drafts).length} loading={appraise.isPending} onClick={() => appraise.mutate()}>
              Lưu thẩm định
            </Button>
          )}
          {s.canAppraise && s.stage === 'finalisation' && (
            <Button type="primary" loading={finalize.isPending} onClick={() => finalize.mutate()}>
              Hoàn thiện kết quả
            </Button>
          )}
        </Space>
      </Space>
    );
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="par-commune-sheet">
      {header}
      {!s.canEdit && <Alert type="info" showIcon message={s.status === 'draft' ? 'Đã hết hạn tự đánh giá.' : 'Phiếu đã nộp. Chỉ giải trình khi được yêu cầu, trong thời hạn giải trình.'} />}
      <List
        dataSource={s.rows}
        renderItem={(r) => {
          const d = drafts[r.code] ?? {};
          const score = d.score !== undefined ? d.score : r.self.score;
          const overrides = r.suggestion && score !== null && score !== undefined && score !== r.suggestion.points;
          return (
            <List.Item style={{ display: 'block', padding: 0, borderBlockEnd: 'none' }}>
            <Card size="small" style={{ marginBottom: 12 }} data-testid={`par-row-${r.code}`} title={<span style={{ whiteSpace: 'normal' }}>{r.code}. {r.title}</span>} extra={<Tag>tối đa {r.maxPoints}</Tag>}>
              <Row gutter={[12, 8]}>
                {r.evidenceRequired && (
                  <Col span={24}>
                    <Typography.Text type="secondary">Tài liệu kiểm chứng: {r.evidenceRequired}</Typography.Text>
                  </Col>
                )}
                {r.suggestion && (
                  <Col span={24}>
                    <Alert
                      type="success"
                      message={`Điểm gợi ý ${r.suggestion.points}: ${r.suggestion.reasonVi}`}
                      action={
                        selfStage && (
                          <Button size="small" onClick={() => saveSelf.mutate([{ code: r.code, acceptSuggestion: true }])}>
                            Dùng điểm gợi ý
                          </Button>
                        )
                      }
                    />
                  </Col>
                )}
                {!selfStage && (
                  // Outside the window the sheet reads as text: disabled inputs are hard to read.
                  <Col span={24}>
                    <Typography.Text>
                      Tự chấm: <b>{r.self.notApplicable ? 'Không áp dụng' : fmt(r.self.score)}</b>
                      {r.self.comment ? ` — ${r.self.comment}` : ''}
                    </Typography.Text>
                  </Col>
                )}
                {selfStage && (
                <Col xs={24} sm={12}>
                  <Space wrap>
                    <ScoreInput row={r} value={score} disabled={d.notApplicable ?? r.self.notApplicable} onChange={(v) => set(r.code, { score: v })} />
                    {r.notApplicableAllowed && (
                      <Checkbox data-testid={`par-na-${r.code}`} disabled={!selfStage} checked={d.notApplicable ?? r.self.notApplicable} onChange={(e) => set(r.code, { notApplicable: e.target.checked, ...(e.target.checked ? { score: null } : {}) })}>
                        Không áp dụng
                      </Checkbox>
                    )}
                  </Space>
                </Col>
                )}
                {selfStage && (
                <Col xs={24} sm={12}>
                  <Input.TextArea aria-label={`Ghi chú ${r.code}`} rows={1} autoSize placeholder="Ghi chú" value={d.note ?? r.self.comment ?? ''} onChange={(e) => set(r.code, { note: e.target.value })} />
                </Col>
                )}
                {overrides && selfStage && (
                  <Col span={24}>
                    <Input placeholder="Lý do khác điểm gợi ý (bắt buộc)" value={d.overrideReason ?? r.overrideReason ?? ''} onChange={(e) => set(r.code, { overrideReason: e.target.value })} />
                  </Col>
                )}
                {(r.appraisal1 || r.appraisal2) && (
                  <Col span={24}>
                    <Typography.Text>
                      Thẩm định: {fmt(r.appraisal2?.score ?? r.appraisal1?.score)} {r.appraisal2?.comment ?? r.appraisal1?.comment ? `— ${r.appraisal2?.comment ?? r.appraisal1?.comment}` : ''}
                    </Typography.Text>
                  </Col>
                )}
                {r.explainRequested && (
                  <Col span={24}>
                    <Input.TextArea
                      disabled={!explaining}
                      rows={2}
                      placeholder="Nội dung giải trình"
                      value={d.explanation ?? r.explanation ?? ''}
                      onChange={(e) => set(r.code, { explanation: e.target.value })}
                    />
                  </Col>
                )}
                <Col span={24}>
                  <Space wrap>
                    <EvidenceLinks roundId={roundId} unitCode={unitCode} row={r} />
                    {(selfStage || (explaining && r.explainRequested)) && (
                      <Upload
                        showUploadList={false}
                        accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png"
                        customRequest={({ file, onSuccess, onError }) => {
                          uploadEvidence(roundId, unitCode, r.code, file as File)
                            .then(() => {
                              onSuccess?.(null);
                              void q.refetch();
                            })
                            .catch((e: unknown) => {
                              fail(e);
                              onError?.(e as Error);
                            });
                        }}
                      >
                        <Button size="small" icon={<UploadOutlined />}>
                          Tải tệp lên
                        </Button>
                      </Upload>
                    )}
                  </Space>
                </Col>
              </Row>
            </Card>
            </List.Item>
          );
        }}
      />
      <ParAdjustments sheet={s} onChange={done} />
      <Space wrap style={{ position: 'sticky', bottom: 0, background: '#fff', padding: 8, width: '100%' }}>
        {docxButton}
        {selfStage && (
          <>
            <Button data-testid="par-save" disabled={!Object.keys(drafts).length} loading={saveSelf.isPending} onClick={() => saveSelf.mutate(undefined)}>
              Lưu
            </Button>
            <Button data-testid="par-submit" type="primary" loading={submit.isPending} disabled={Object.keys(drafts).length > 0} onClick={() => submit.mutate()}>
              Nộp phiếu
            </Button>
          </>
        )}
        {explaining && s.rows.some((r) => r.explainRequested) && (
          <Button type="primary" loading={explain.isPending} onClick={() => explain.mutate()}>
            Gửi giải trình
          </Button>
        )}
      </Space>
    </Space>
  );
}
