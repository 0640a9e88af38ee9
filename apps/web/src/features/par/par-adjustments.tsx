import { useMutation } from '@tanstack/react-query';
import { Button, Card, Input, InputNumber, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { parApi, type ParSheet } from './par-api';
import { useFeedback } from '../../lib/feedback';

/**
 * The sheet's bonus and penalty entries with the documents they rest on; the appraiser adds and removes
 * them while the sheet may be appraised. The round caps their sums in the results.
 */
export function ParAdjustments({ sheet, onChange }: { sheet: ParSheet; onChange: (s: ParSheet) => void }) {
  const { i18n } = useTranslation();
  const { message } = useFeedback();
  const [kind, setKind] = useState<'bonus' | 'penalty'>('bonus');
  const [points, setPoints] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [docNumber, setDocNumber] = useState('');
  const [docDate, setDocDate] = useState('');
  const fail = (e: unknown) => void message.error(e instanceof ApiError ? e.text(i18n.language) : 'Không lưu được.');
  const add = useMutation({
    mutationFn: () =>
      parApi.addAdjustment(sheet.roundId, sheet.unitCode, {
        kind,
        points: points ?? 0,
        reason,
        ...(docNumber.trim() ? { documents: [{ number: docNumber.trim(), date: docDate }] } : {}),
      }),
    onSuccess: (s) => {
      onChange(s);
      setPoints(null);
      setReason('');
      setDocNumber('');
      setDocDate('');
    },
    onError: fail,
  });
  const remove = useMutation({ mutationFn: (id: number) => parApi.removeAdjustment(sheet.roundId, sheet.unitCode, id), onSuccess: onChange, onError: fail });
  if (!sheet.canAppraise && sheet.adjustments.length === 0) return null;
  return (
    <Card size="small" title="Điểm thưởng, điểm trừ" data-testid="par-adjustments">
      {sheet.adjustments.length === 0 && <Typography.Text>Chưa có mục nào.</Typography.Text>}
      <List
        size="small"
        locale={{ emptyText: ' ' }}
        dataSource={sheet.adjustments}
        renderItem={(a) => (
          <List.Item
            actions={sheet.canAppraise ? [<Button key="x" size="small" danger loading={remove.isPending} onClick={() => remove.mutate(a.id)}>Xóa</Button>] : []}
          >
            <Space wrap>
              <Tag color={a.kind === 'bonus' ? 'green' : 'red'}>{a.kind === 'bonus' ? `+${a.points}` : `−${a.points}`}</Tag>
              <span>{a.reason}</span>
              {a.documents.map((d) => (
                <Typography.Text key={`${d.number}-${d.date}`} type="secondary">
                  Căn cứ: {d.number} ngày {d.date.split('-').reverse().join('/')}
                  {d.title ? ` – ${d.title}` : ''}
                </Typography.Text>
              ))}
            </Space>
          </List.Item>
        )}
      />
      {sheet.canAppraise && (
        <Space wrap style={{ marginTop: 8 }}>
          <Select
            aria-label="Loại"
            value={kind}
            onChange={setKind}
            options={[
              { value: 'bonus', label: 'Điểm thưởng' },
              { value: 'penalty', label: 'Điểm trừ' },
            ]}
          />
          <InputNumber aria-label="Số điểm" min={0.01} max={100} step={0.5} placeholder="Số điểm" value={points} onChange={(v) => setPoints(v)} />
          <Input aria-label="Lý do" placeholder="Lý do" style={{ minWidth: 240 }} value={reason} onChange={(e) => setReason(e.target.value)} />
          <Input aria-label="Số, ký hiệu văn bản" placeholder="Căn cứ: số, ký hiệu văn bản" value={docNumber} onChange={(e) => setDocNumber(e.target.value)} />
          <Input aria-label="Ngày văn bản" type="date" value={docDate} onChange={(e) => setDocDate(e.target.value)} />
          <Button type="primary" disabled={!points || reason.trim().length < 3} loading={add.isPending} onClick={() => add.mutate()}>
            Thêm
          </Button>
        </Space>
      )}
    </Card>
  );
}
