import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ApiError } from '../../api/api-error';
import { download } from '../../api/client';
import { ErrorState, LoadingState } from '../../components/query-state';
import { BAND_COLOR, parApi } from './par-api';
import { useFeedback } from '../../lib/feedback';

/** The round's results: rank, index, band, per-domain figures, change against last year, a chart; XLSX and publication. */
export function ParResultsPage() {
  const roundId = Number(useParams().roundId);
  const { i18n } = useTranslation();
  const { message } = useFeedback();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['par', 'results', roundId], queryFn: () => parApi.results(roundId) });
  const round = useQuery({ queryKey: ['par', 'round', roundId], queryFn: () => parApi.round(roundId) });
  const publish = useMutation({
    mutationFn: () => parApi.publish(roundId),
    onSuccess: (r) => {
      qc.setQueryData(['par', 'results', roundId], r);
      void qc.invalidateQueries({ queryKey: ['par', 'round', roundId] });
      void message.success('Đã công bố kết quả.');
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.text(i18n.language) : 'Không công bố được.'),
  });
  if (q.isPending) return <LoadingState />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;
  const chart = r.units.slice(0, 40).map((u) => ({ name: u.unitName ?? u.unitCode, index: u.index }));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={1}>Kết quả — {r.title}</Typography.Title>
      <Space wrap data-testid="par-bands">
        {r.published ? <Tag color="green">Đã công bố</Tag> : <Tag color="orange">Chưa công bố (bản xem trước)</Tag>}
        {r.bands.map((b) => (
          <Tag key={b.name} color={BAND_COLOR(b.name, r.bands)}>
            {b.name} ≥ {b.min}
          </Tag>
        ))}
        <Button
          onClick={() =>
            void download(`/api/par/rounds/${roundId}/results.xlsx`, () => undefined).then(({ blob, filename }) => {
              const a = document.createElement('a');
              a.href = URL.createObjectURL(blob);
              a.download = filename ?? 'ket-qua.xlsx';
              a.click();
            })
          }
        >
          Tải XLSX
        </Button>
        {round.data?.canRun && !r.published && (
          <Button type="primary" loading={publish.isPending} onClick={() => publish.mutate()}>
            Công bố kết quả
          </Button>
        )}
      </Space>
      <div style={{ width: '100%', height: 280 }} role="img" aria-label="Biểu đồ chỉ số CCHC theo xã">
        <ResponsiveContainer>
          <BarChart data={chart} margin={{ left: 0, right: 8, bottom: 60 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" angle={-45} textAnchor="end" interval={0} height={80} tick={{ fontSize: 10 }} />
            <YAxis domain={[0, 100]} />
            <Tooltip />
            {r.bands.filter((b) => b.min > 0).map((b) => (
              <ReferenceLine key={b.name} y={b.min} strokeDasharray="4 4" label={{ value: b.name, position: 'right', fontSize: 10 }} />
            ))}
            <Bar dataKey="index" fill="#a8071a" name="Chỉ số (%)" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <Table
        rowKey="unitCode"
        size="small"
        data-testid="par-results-table"
        scroll={{ x: true }}
        pagination={{ pageSize: 50 }}
        dataSource={r.units}
        columns={[
          { title: 'Hạng', dataIndex: 'rank', width: 60 },
          { title: 'Xã, phường', dataIndex: 'unitName' },
          ...r.domains.map((d) => ({
            title: `${d.code}. ${d.title}`,
            key: d.code,
            render: (_: unknown, u: (typeof r.units)[number]) => {
              const f = u.domains.find((x) => x.code === d.code);
              return f ? `${f.points}/${f.max}` : '—';
            },
          })),
          { title: 'Thưởng', dataIndex: 'bonus' },
          { title: 'Trừ', dataIndex: 'penalty' },
          { title: 'Điều tra XHH', dataIndex: 'surveyPoints', render: (v: number | null) => v ?? '—' },
          { title: 'Chỉ số (%)', dataIndex: 'index', render: (v: number) => <b>{v}</b> },
          { title: 'Xếp loại', dataIndex: 'band', render: (v: string, u) => <Tag color={BAND_COLOR(v, r.bands)} data-testid={`par-band-${u.unitCode}`}>{v}</Tag> },
          { title: 'So với năm trước', dataIndex: 'indexChange', render: (v: number | null) => (v === null ? '—' : v > 0 ? `+${v}` : String(v)) },
        ]}
      />
    </Space>
  );
}
