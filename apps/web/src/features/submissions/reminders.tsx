import { Button, Space, Typography } from 'antd';
import { BellOutlined, NotificationOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from '../../api/api-error';
import type { NudgeResult, ReminderTally, SubmissionRow } from '../../api/schema-types';
import { fmtDate } from '../../lib/format';
import { useNudge } from './hooks/use-reminders';
import { useFeedback } from '../../lib/feedback';

/** A board line that can be reminded: a commune on a district's board, a district on a province's. */
type RemindedUnit = Pick<SubmissionRow, 'unitCode' | 'unitName'>;

/** "Đã nhắc 2 lần, lần cuối 18/12/2026" from the API's reminder records. */
export function ReminderTallyText({ tally, unitCode }: { tally: ReminderTally | undefined; unitCode: string }) {
  const { t } = useTranslation();
  if (!tally) return <Typography.Text type="secondary" data-testid={`reminders-${unitCode}`}>{t('reminders.never')}</Typography.Text>;
  return (
    <Typography.Text style={{ fontSize: 12 }} data-testid={`reminders-${unitCode}`} title={t(`reminders.kind.${tally.lastKind as 'nudge'}`)}>
      {t('reminders.tally', { count: tally.count, date: fmtDate(tally.lastAt) })}
    </Typography.Text>
  );
}

/** The 429 of "once per unit per day" reads as a plain Vietnamese sentence, not a status code. */
function nudgeError(e: unknown, lang: string, throttled: string): string {
  return e instanceof ApiError && e.status === 429 ? throttled : errorText(e, lang);
}

export function useNudgeActions(unitCode: string, period: string) {
  const { t, i18n } = useTranslation();
  const { message, modal } = useFeedback();
  const nudge = useNudge(unitCode, period);

  const one = (row: RemindedUnit) =>
    nudge.mutate(row.unitCode, {
      onSuccess: (res: NudgeResult) => void message.success(t('reminders.sent', { unit: row.unitName, count: res.sent[0]?.recipients ?? 0 })),
      onError: (e) => void message.error({ content: nudgeError(e, i18n.language, t('reminders.throttled', { unit: row.unitName })), key: `nudge-${row.unitCode}` }),
    });

  const all = () =>
    modal.confirm({
      title: t('reminders.sendAllConfirm'),
      content: t('reminders.sendAllBody'),
      okText: t('reminders.send'),
      cancelText: t('common.cancel'),
      onOk: () =>
        nudge.mutateAsync(null).then(
          (res) => {
            if (res.sent.length === 0 && res.skipped.length === 0) return void message.info(t('reminders.nothing'));
            if (res.sent.length) void message.success(t('reminders.sentAll', { count: res.sent.length }));
            if (res.skipped.length)
              void message.warning(
                t('reminders.skippedAll', {
                  count: res.skipped.length,
                  list: res.skipped.map((s) => `${s.unitName} (${t(`reminders.reason.${s.reason as 'already_today'}`)})`).join(', '),
                }),
              );
          },
          (e: unknown) => void message.error(errorText(e, i18n.language)),
        ),
    });

  return { one, all, pending: nudge.isPending, target: nudge.isPending ? nudge.variables : undefined };
}

export function NudgeButton({ row, onNudge, loading }: { row: RemindedUnit; onNudge: (r: RemindedUnit) => void; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Button size="small" icon={<BellOutlined />} loading={loading} onClick={() => onNudge(row)} data-testid={`nudge-${row.unitCode}`}>
      {t('reminders.send')}
    </Button>
  );
}

export function NudgeAllButton({ onClick, loading, disabled }: { onClick: () => void; loading: boolean; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <Space>
      <Button icon={<NotificationOutlined />} onClick={onClick} loading={loading} disabled={disabled} data-testid="nudge-all">
        {t('reminders.sendAll')}
      </Button>
    </Space>
  );
}
