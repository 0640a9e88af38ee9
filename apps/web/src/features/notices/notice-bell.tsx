import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useUnreadNotices } from './hooks/use-notices';

/** The header's bell: the unread count, and the way to the inbox. */
export function NoticeBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const unread = useUnreadNotices().data?.unread ?? 0;
  return (
    <Badge count={unread} size="small" overflowCount={99} offset={[-4, 4]} data-testid="notice-bell-count">
      <Button
        type="text"
        size="small"
        icon={<BellOutlined style={{ color: '#fff', fontSize: 18 }} />}
        onClick={() => void navigate('/notices')}
        aria-label={unread ? t('notices.bellUnread', { count: unread }) : t('notices.bell')}
        data-testid="notice-bell"
      />
    </Badge>
  );
}
