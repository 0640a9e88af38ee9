import { mayAuthorParCriteria, PAR_STAGE_LABEL_VI, PAR_STAGES } from '@cchc/shared';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, List, Segmented, Space, Table, Tag, Typography, Upload } from 'antd';
import { FileWordOutlined, UploadOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { EmptyState, ErrorState, LoadingState } from '../../components/query-state';
import { useUser } from '../../lib/auth-context';
import { ApiError } from '../../api/api-error';
import { parApi, saveDownload, SHEET_STATUS_VI, uploadSurvey, type ParRound } from './par-api';
import { useFeedback } from '../../lib/feedback';
import { ParCriteriaSets } from './par-criteria-upload';

const when = (iso: string) => new Date(iso).toLocaleString('vi-VN', { dateStyle: 'short', timeStyle: 'short' });

/** The rounds the account sees (a round opens its dashboard); for criteria authors, the criteria sets and their Excel upload. */
export function ParRoundsPage() {
  const user = useUser();
  const q = useQuery({ queryKey: ['par', 'rounds'], queryFn: parApi.rounds });
  const author = mayAuthorParCriteria(user);
  if (q.isPending) return <LoadingState />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={1}>Chỉ số CCHC</Typography.Title>
      {q.data.length === 0 ? (
        <EmptyState text="Chưa có kỳ đánh giá Chỉ số CCHC nào." />
      ) : (
        <List
          dataSource={q.data}
          renderItem={(r) => (
            <List.Item>
              <List.Item.Meta
                title={<Link to={`/par/${r.id}`}>{r.title}</Link>}
                description={
                  <Space wrap>
                    <Tag color="red">{r.stageLabel}</Tag>
                    {r.demo && <Tag>Bộ tiêu chí minh họa</Tag>}
                    <span>{r.participants} xã, phường</span>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
      {author && <ParCriteriaSets />}
    </Space>
  );
}

/** The round's dashboard: stage and deadlines, who submitted, who was asked to explain, who is final; the appraisers' queue by stage. */
export function ParRoundPage() {
  const roundId = Number(useParams().roundId);
  const user = useUser();
  const round = useQuery({ queryKey: ['par', 'round', roundId], queryFn: () => parApi.round(roundId) });
  const sheets = useQuery({ queryKey: ['par', 'sheets', roundId], queryFn: () => parApi.sheets(roundId), enabled: !!round.data });
  const [filter, setFilter] = useState<string>('all');
  const { message } = useFeedback();
  const rows = useMemo(() => (sheets.data ?? []).filter((s) => filter === 'all' || s.status === filter), [sheets.data, filter]);
  if (round.isPending) return <LoadingState />;
  if (round.isError) return <ErrorState error={round.error} onRetry={() => void round.refetch()} />;
  const r: ParRound = round.data;
  const counts = r.sheetsByStatus;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={1}>{r.title}</Typography.Title>
      {r.demo && <Alert type="warning" showIcon message="Bộ tiêu chí minh họa — không phải văn bản chính thức." />}
      <Card title="Tiến độ">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="Giai đoạn hiện tại">
            <Tag color="red">{r.stageLabel}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="Bộ tiêu chí">
            <Space wrap size={4}>
              {r.criteriaTitle}
              {(['xlsx', 'json'] as const).map((ext) => (
                <Button
                  key={ext}
                  size="small"
                  type="link"
                  data-testid={`par-criteria-${ext}`}
                  onClick={() => void saveDownload(`/api/par/criteria-sets/${encodeURIComponent(r.criteriaVersion)}/criteria.${ext}`, `bo-tieu-chi-${r.criteriaVersion}.${ext}`).catch((e: unknown) => void message.error(e instanceof ApiError ? e.text('vi') : 'Không tải được bộ tiêu chí.'))}
                >
                  Tải {ext.toUpperCase()}
                </Button>
              ))}
            </Space>
          </Descriptions.Item>
          {PAR_STAGES.map((s) => (
            <Descriptions.Item key={s} label={`Hạn ${PAR_STAGE_LABEL_VI[s].toLowerCase()}`}>
              {when(r.deadlines[s])} {r.lockedStages.includes(s) && <Tag>Đã khóa</Tag>}
            </Descriptions.Item>
          ))}
          <Descriptions.Item label="Điểm thưởng / trừ tối đa">
            {r.bonusCap} / {r.penaltyCap}
          </Descriptions.Item>
          <Descriptions.Item label="Điều tra xã hội học">{r.surveyWeight > 0 ? `${r.surveyWeight} điểm` : 'Không (quy đổi về thang 100)'}</Descriptions.Item>
        </Descriptions>
        <Space wrap style={{ marginTop: 12 }} data-testid="par-status-counts">
          {Object.entries(SHEET_STATUS_VI).map(([k, v]) => (
            <Tag key={k} color={v.color}>
              {v.label}: {counts[k] ?? 0}
            </Tag>
          ))}
        </Space>
        <Space wrap style={{ marginTop: 12 }}>
          <Link to={`/par/${r.id}/results`} data-testid="par-results-link">
            Xem kết quả
          </Link>
          {r.canRun && (
            <Button
              size="small"
              icon={<FileWordOutlined />}
              data-testid="par-summary-docx"
              onClick={() => void saveDownload(`/api/par/rounds/${r.id}/summary.docx`, `bien-ban-tham-dinh-${r.id}.docx`).catch((e: unknown) => void message.error(e instanceof ApiError ? e.text('vi') : 'Không tải được biên bản.'))}
            >
              Biên bản tổng hợp kết quả thẩm định (DOCX)
            </Button>
          )}
          {r.canRun && r.surveyWeight > 0 && (
            <Upload
              showUploadList={false}
              accept=".csv,.xlsx"
              customRequest={({ file, onSuccess, onError }) => {
                uploadSurvey(r.id, file as File)
                  .then((res) => {
                    onSuccess?.(null);
                    void message.success(`Đã nhập điểm điều tra xã hội học của ${res.updated} xã, phường.`);
                    void sheets.refetch();
                  })
                  .catch((e: unknown) => {
                    void message.error(e instanceof ApiError ? e.text('vi') : 'Không nhập được điểm điều tra.');
                    onError?.(e as Error);
                  });
              }}
            >
              <Button size="small" icon={<UploadOutlined />} data-testid="par-survey-import">
                Nhập điểm điều tra XHH (CSV, XLSX)
              </Button>
            </Upload>
          )}
        </Space>
      </Card>
      <Card title={r.canRun ? 'Hàng chờ thẩm định' : 'Phiếu của đơn vị'}>
        {r.canRun && (
          <Segmented
            style={{ marginBottom: 12, flexWrap: 'wrap' }}
            value={filter}
            onChange={(v) => setFilter(String(v))}
            options={[{ label: 'Tất cả', value: 'all' }, ...Object.entries(SHEET_STATUS_VI).map(([k, v]) => ({ label: `${v.label} (${counts[k] ?? 0})`, value: k }))]}
          />
        )}
        {sheets.isError ? (
          <ErrorState error={sheets.error} />
        ) : (
          <Table
            rowKey="unitCode"
            size="small"
            loading={sheets.isPending}
            dataSource={rows}
            pagination={{ pageSize: 20 }}
            scroll={{ x: true }}
            columns={[
              { title: 'Mã', dataIndex: 'unitCode', width: 80 },
              { title: 'Xã, phường', dataIndex: 'unitName', render: (v: string, s) => <Link to={`/par/${r.id}/sheets/${s.unitCode}`}>{v}</Link> },
              { title: 'Trạng thái', dataIndex: 'status', render: (v: string) => <Tag color={SHEET_STATUS_VI[v]?.color}>{SHEET_STATUS_VI[v]?.label ?? v}</Tag> },
              { title: 'Nộp lúc', dataIndex: 'submittedAt', render: (v: string | null) => (v ? when(v) : '—') },
              { title: 'Điều tra XHH (%)', dataIndex: 'surveyPercent', render: (v: number | null) => v ?? '—' },
            ]}
          />
        )}
        {!r.canRun && user.unitCode && <Link to={`/par/${r.id}/sheets/${user.unitCode}`}>Mở phiếu tự đánh giá của đơn vị</Link>}
      </Card>
    </Space>
  );
}
