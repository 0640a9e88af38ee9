import { useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { checkPassword } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/api-error';
import type { AdminUser, Role } from '../../api/schema-types';
import { ALL_ROLES } from '../../lib/roles';
import { QueryState } from '../../components/query-state';
import { useIsNarrow } from '../../lib/use-is-narrow';
import { useCreateUser } from './hooks/use-create-user';
import { useFetchUsers } from './hooks/use-fetch-users';
import { useUpdateUser } from './hooks/use-update-user';
import { UnitSearchSelect } from './unit-search-select';
import { useFeedback } from '../../lib/feedback';

const ROLES = ALL_ROLES;

interface UserForm {
  username: string;
  displayName: string;
  roles: Role[];
  unitCode?: string;
  password?: string;
}

/** Accounts and the unit each is bound to. */
export function UsersAdminPage() {
  const { t, i18n } = useTranslation();
  const { message } = useFeedback();
  const users = useFetchUsers();
  const create = useCreateUser();
  const update = useUpdateUser();
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | 'all'>('all');
  const [form] = Form.useForm<UserForm>();
  const narrow = useIsNarrow();

  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (users.data ?? []).filter(
      (u) => (role === 'all' || u.roles.includes(role)) && (!q || u.username.toLowerCase().includes(q) || u.displayName.toLowerCase().includes(q) || (u.unitCode ?? '').includes(q)),
    );
  }, [users.data, search, role]);

  const open = (u: AdminUser | 'new') => {
    setEditing(u);
    create.reset();
    update.reset();
    form.setFieldsValue(u === 'new' ? { username: '', displayName: '', roles: ['officer'], unitCode: '', password: '' } : { username: u.username, displayName: u.displayName, roles: u.roles, unitCode: u.unitCode ?? '', password: '' });
  };
  const onFinish = (v: UserForm) => {
    const unitCode = v.unitCode?.trim() || null;
    const done = () => {
      message.success(t('admin.users.saved'));
      setEditing(null);
    };
    if (editing === 'new') create.mutate({ username: v.username.trim(), displayName: v.displayName.trim(), roles: v.roles, unitCode, password: v.password ?? '' }, { onSuccess: done });
    else if (editing) update.mutate({ id: editing.id, body: { displayName: v.displayName.trim(), roles: v.roles, unitCode, ...(v.password ? { password: v.password } : {}) } }, { onSuccess: done });
  };
  const mutationError = create.error ?? update.error;

  return (
    <div data-testid="admin-users">
      <div className="page-title">
        <Typography.Title level={1}>{t('nav.adminUsers')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
          {t('admin.users.add')}
        </Button>
      </div>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search allowClear aria-label={t('admin.users.search')} placeholder={t('admin.users.search')} onChange={(e) => setSearch(e.target.value)} style={{ width: 260 }} />
          <Select aria-label={t('admin.users.roleFilter')} value={role} onChange={setRole} style={{ width: 220 }} options={[{ value: 'all', label: t('admin.users.allRoles') }, ...ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))]} />
        </Space>
        <QueryState query={users}>
          {() => (
            <Table<AdminUser>
              size="small"
              rowKey="id"
              dataSource={shown}
              pagination={{ pageSize: 20, showSizeChanger: false }}
              scroll={{ x: narrow ? 640 : undefined }}
              columns={[
                { title: t('login.username'), dataIndex: 'username', width: 140 },
                { title: t('admin.users.displayName'), dataIndex: 'displayName' },
                { title: t('admin.users.role'), dataIndex: 'roles', render: (rs: Role[]) => rs.map((r) => <Tag key={r}>{t(`role.${r}`)}</Tag>), width: 220 },
                { title: t('common.unit'), key: 'unit', render: (_, u) => u.unitCode ?? '—' },
                {
                  title: t('admin.users.active'),
                  dataIndex: 'active',
                  width: 90,
                  render: (a: boolean, u) => <Switch size="small" aria-label={t('admin.users.activeOf', { username: u.username })} checked={a} loading={update.isPending && update.variables?.id === u.id} onChange={(active) => update.mutate({ id: u.id, body: { active } }, { onError: (e) => message.error(errorText(e, i18n.language)) })} />,
                },
                { title: '', key: 'edit', width: 60, render: (_, u) => <Button size="small" icon={<EditOutlined />} onClick={() => open(u)} aria-label={t('common.edit')} /> },
              ]}
            />
          )}
        </QueryState>
      </Card>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('admin.users.add') : t('admin.users.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={create.isPending || update.isPending}
        destroyOnHidden
      >
        {mutationError && <Alert type="error" showIcon message={errorText(mutationError, i18n.language)} style={{ marginBottom: 12 }} />}
        <Form<UserForm> form={form} layout="vertical" onFinish={onFinish}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, pattern: /^[a-z0-9._-]{3,64}$/i, message: t('admin.users.usernameRule') }]}>
            <Input disabled={editing !== 'new'} autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={t('admin.users.displayName')} rules={[{ required: true, whitespace: true }]}>
            <Input />
          </Form.Item>
          {/* Several roles for one unit (e.g. officer + reviewer of a district); the API checks they fit the unit. */}
          <Form.Item name="roles" label={t('admin.users.role')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
          <Form.Item name="unitCode" label={t('admin.users.unitCode')} extra={t('admin.users.unitHelp')}>
            <UnitSearchSelect />
          </Form.Item>
          <Form.Item
            name="password"
            label={editing === 'new' ? t('login.password') : t('admin.users.newPassword')}
            // The rule is said before saving, and checked as it is typed by the same shared rule the API applies.
            extra={<span data-testid="password-policy">{t('account.policy')}</span>}
            rules={[
              { required: editing === 'new', message: t('admin.users.passwordRule') },
              {
                validator: (_, v: string | undefined) => {
                  const problem = v ? checkPassword(v, { username: form.getFieldValue('username') as string | undefined }) : null;
                  return problem ? Promise.reject(new Error(i18n.language.startsWith('en') ? problem.messageEn : problem.message)) : Promise.resolve();
                },
              },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
