import { useState } from 'react';
import { Button, Card, List, Space, Switch, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../api/api-error';
import type { Notice } from '../../api/schema-types';
import { EmptyState, ErrorState, LoadingState } from '../../components/query-state';
import { fmtDateTime } from '../../lib/format';
import { useUser } from '../../lib/auth-context';
import { useMarkNoticesRead, useNoticeList, useUnreadNotices } from './hooks/use-notices';
import { NoticePreferencesCard } from './notice-preferences-card';
import { noticeTarget } from './notice-target';
import { useFeedback } from '../../lib/feedback';

const KIND_COLOR: Partial<Record<Notice['kind'], string>> = {
  returned: 'orange',
  approved: 'green',
  reopened: 'gold',
  reminder_after: 'red',
  late_list: 'red',
  nudge: 'volcano',
};

/** The inbox: every notice of the signed-in account, newest first; unread ones in bold. */
export function NoticesPage() {
  const { t, i18n } = useTranslation();
  const { message } = useFeedback();
  const en = i18n.language.startsWith('en');
  const user = useUser();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNoticeList(unreadOnly);
  const unread = useUnreadNotices().data?.unread ?? list.data?.pages[0]?.unread ?? 0;
  const mark = useMarkNoticesRead();
  const fail = (e: unknown) => void message.error(errorText(e, i18n.language));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div data-testid="notices-page">
      <div className="page-title">
        <Space wrap>
          <Typography.Title level={1}>{t('notices.title')}</Typography.Title>
          <Typography.Text type="secondary" data-testid="notices-unread">
            {t('notices.unreadCount', { count: unread })}
          </Typography.Text>
        </Space>
        <Space wrap>
          <label>
            <Space size={6}>
              <Switch size="small" checked={unreadOnly} onChange={setUnreadOnly} data-testid="notices-unread-only" />
              {t('notices.unreadOnly')}
            </Space>
          </label>
          <Button
            icon={<CheckOutlined />}
            disabled={unread === 0}
            loading={mark.isPending && mark.variables?.all === true}
            onClick={() => mark.mutate({ all: true }, { onSuccess: () => void message.success(t('notices.allRead')), onError: fail })}
            data-testid="notices-mark-all"
          >
            {t('notices.markAllRead')}
          </Button>
        </Space>
      </div>
      <Card size="small" style={{ marginBottom: 12 }}>
        {list.isPending ? (
          <LoadingState rows={6} />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <List<Notice>
            dataSource={items}
            locale={{ emptyText: <EmptyState text={t('notices.empty')} /> }}
            loadMore={
              list.hasNextPage ? (
                <div style={{ textAlign: 'center', margin: '12px 0' }}>
                  <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                    {t('notices.more')}
                  </Button>
                </div>
              ) : null
            }
            renderItem={(n) => {
              const isUnread = !n.readAt;
              const target = noticeTarget(n, user);
              const markOne = () => (isUnread ? mark.mutate({ ids: [n.id] }, { onError: fail }) : undefined);
              const email = n.emailState === 'skipped' ? '' : t(`notices.email.${n.emailState as 'sent'}`);
              return (
                <List.Item
                  data-testid={`notice-${n.id}`}
                  data-unread={isUnread ? 'true' : 'false'}
                  style={isUnread ? { background: '#fff7e6', paddingInline: 8 } : { paddingInline: 8 }}
                  actions={[
                    target && (
                      <Link key="open" to={target.to} onClick={markOne} data-testid={`notice-open-${n.id}`}>
                        {target.board ? t('notices.openBoard') : t('notices.open')}
                      </Link>
                    ),
                    isUnread && (
                      <Button key="read" size="small" type="link" onClick={markOne} data-testid={`notice-read-${n.id}`}>
                        {t('notices.markRead')}
                      </Button>
                    ),
                  ].filter(Boolean)}
                >
                  <List.Item.Meta
                    title={
                      <Space size={6} wrap>
                        <Tag color={KIND_COLOR[n.kind]}>{t(`notices.kind.${n.kind}`)}</Tag>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {fmtDateTime(n.createdAt)}
                          {email ? ` · ${email}` : ''}
                        </Typography.Text>
                      </Space>
                    }
                    description={
                      <Typography.Text strong={isUnread} style={{ whiteSpace: 'pre-line' }} data-testid={`notice-text-${n.id}`}>
                        {en ? n.textEn : n.textVi}
                      </Typography.Text>
                    }
                  />
                </List.Item>
              );
            }}
          />
        )}
      </Card>
      <NoticePreferencesCard />
    </div>
  );
}
