import { useState } from 'react';
import { Alert, Button, Card, Collapse, List, Select, Space, Table, Tabs, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, EyeOutlined, SendOutlined } from '@ant-design/icons';
import type { InstrumentStatus } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import { download } from '../../api/client';
import { errorText } from '../../api/api-error';
import { ErrorState, LoadingState } from '../../components/query-state';
import { fmtDateTime } from '../../lib/format';
import { useIsNarrow } from '../../lib/use-is-narrow';
import { InstrumentStatusTag } from '../../components/instrument-status-tag';
import { useInstrumentAction, useTemplateDiff, useTemplateVersions } from './hooks/use-instruments';
import { SchemesPanel } from './schemes-panel';
import { TemplatePreviewDrawer } from './template-preview';
import { TemplateUpload } from './template-upload';
import { templatesApi, type TemplateDiff, type TemplateVersionInfo } from './templates-api';
import { useFeedback } from '../../lib/feedback';

const show = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : Array.isArray(v) ? v.map(show).join(', ') : JSON.stringify(v));

function DiffView({ diff }: { diff: TemplateDiff }) {
  const { t } = useTranslation();
  if (diff.added.length + diff.removed.length + diff.changed.length + diff.rules.added.length + diff.rules.removed.length + diff.rules.changed.length === 0) {
    return <Alert type="info" showIcon message={t('admin.templates.diffNone')} />;
  }
  const rows = (items: Array<{ code: string; title: string }>, testid: string) => (
    <List size="small" data-testid={testid} dataSource={items} renderItem={(r) => <List.Item key={r.code}>{`${r.code} — ${r.title}`}</List.Item>} />
  );
  return (
    <div data-testid="template-diff">
      <Collapse
        size="small"
        defaultActiveKey={['removed', 'changed', 'added']}
        items={[
          { key: 'added', label: t('admin.templates.diffAdded', { count: diff.added.length }), children: rows(diff.added, 'diff-added') },
          { key: 'removed', label: t('admin.templates.diffRemoved', { count: diff.removed.length }), children: rows(diff.removed, 'diff-removed') },
          {
            key: 'changed',
            label: t('admin.templates.diffChanged', { count: diff.changed.length }),
            children: (
              <List
                size="small"
                data-testid="diff-changed"
                dataSource={diff.changed}
                renderItem={(c) => (
                  <List.Item key={c.code}>
                    <div>
                      <Typography.Text strong>{`${c.previousCode && c.previousCode !== c.code ? `${c.previousCode} → ` : ''}${c.code} — ${c.title}`}</Typography.Text>
                      {c.changes.map((ch) => (
                        <div key={ch.field}>
                          <Typography.Text type="secondary">{t('admin.templates.change', { field: ch.field, from: show(ch.from), to: show(ch.to) })}</Typography.Text>
                        </div>
                      ))}
                    </div>
                  </List.Item>
                )}
              />
            ),
          },
        ]}
      />
      <Typography.Paragraph style={{ marginTop: 8 }}>
        {t('admin.templates.diffRules', { added: diff.rules.added.length, removed: diff.rules.removed.length, changed: diff.rules.changed.length })}
        {diff.rules.removed.length > 0 && <Typography.Text type="secondary">{` (−${diff.rules.removed.join(', −')})`}</Typography.Text>}
      </Typography.Paragraph>
    </div>
  );
}

function DiffCard({ versions, from, to, onChange }: { versions: TemplateVersionInfo[]; from: string | null; to: string | null; onChange: (from: string | null, to: string | null) => void }) {
  const { t } = useTranslation();
  const diff = useTemplateDiff(from, to);
  const options = versions.map((v) => ({ value: v.version, label: `${v.version} — ${v.title}` }));
  return (
    <Card size="small" title={t('admin.templates.diffTitle')} data-testid="diff-card">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select style={{ width: 280 }} value={from} options={options} onChange={(v) => onChange(v, to)} placeholder={t('admin.templates.diffFrom')} data-testid="diff-from" aria-label={t('admin.templates.diffFrom')} />
        <span>→</span>
        <Select style={{ width: 280 }} value={to} options={options} onChange={(v) => onChange(from, v)} placeholder={t('admin.templates.diffTo')} data-testid="diff-to" aria-label={t('admin.templates.diffTo')} />
      </Space>
      {from && to && from !== to && (diff.isPending ? <LoadingState rows={3} /> : diff.error ? <ErrorState error={diff.error} /> : <DiffView diff={diff.data} />)}
    </Card>
  );
}

function TemplatesPanel() {
  const { t, i18n } = useTranslation();
  const { message, modal } = useFeedback();
  const narrow = useIsNarrow();
  const versions = useTemplateVersions();
  const action = useInstrumentAction();
  const [preview, setPreview] = useState<string | null>(null);
  const [diff, setDiff] = useState<{ from: string | null; to: string | null }>({ from: null, to: null });

  const publish = (v: TemplateVersionInfo) =>
    modal.confirm({
      title: t('admin.templates.publishTitle', { version: v.version }),
      content: t('admin.templates.publishBody', { version: v.version }),
      okText: t('admin.templates.publish'),
      cancelText: t('common.cancel'),
      onOk: () =>
        action.mutateAsync({ kind: 'publish', version: v.version }).then(
          () => void message.success(t('admin.templates.published', { version: v.version })),
          (e: unknown) => void message.error(errorText(e, i18n.language)),
        ),
    });
  const remove = (v: TemplateVersionInfo) =>
    modal.confirm({
      title: t('admin.templates.removeTitle', { version: v.version }),
      okText: t('admin.templates.removeDraft'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        action.mutateAsync({ kind: 'remove', version: v.version }).then(
          () => void message.success(t('admin.templates.removed', { version: v.version })),
          (e: unknown) => void message.error(errorText(e, i18n.language)),
        ),
    });
  const downloadXlsx = (version: string) =>
    void download(templatesApi.xlsxPath(version), () => undefined).then(
      ({ blob, filename }) => {
        const a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = filename ?? `bieu-mau-${version}.xlsx`;
        a.click();
      },
      (e: unknown) => void message.error(errorText(e, i18n.language)),
    );

  if (versions.isPending) return <LoadingState />;
  if (versions.error) return <ErrorState error={versions.error} />;
  const list = versions.data;
  // After an upload: compare the new draft with the newest published version.
  const onCreated = (version: string) => setDiff({ from: list.find((v) => v.status === 'published')?.version ?? null, to: version });

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={t('admin.templates.versions')}>
        <Table<TemplateVersionInfo>
          size="small"
          data-testid="template-versions"
          rowKey="version"
          dataSource={list}
          pagination={false}
          scroll={{ x: narrow ? 820 : undefined }}
          onRow={(v) => ({ 'data-testid': `template-row-${v.version}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('admin.templates.version'), dataIndex: 'version', width: 110 },
            { title: t('admin.templates.year'), dataIndex: 'year', width: 70 },
            { title: t('admin.templates.title'), dataIndex: 'title' },
            { title: t('admin.templates.status'), dataIndex: 'status', width: 120, render: (s: InstrumentStatus) => <InstrumentStatusTag status={s} /> },
            { title: t('admin.templates.publishedAt'), dataIndex: 'publishedAt', width: 150, render: (d: string | null) => fmtDateTime(d) },
            {
              title: '',
              key: 'actions',
              width: 330,
              render: (_, v) => (
                <Space size={4} wrap>
                  <Button size="small" icon={<EyeOutlined />} onClick={() => setPreview(v.version)} data-testid={`preview-${v.version}`}>
                    {t('admin.templates.preview')}
                  </Button>
                  <Button size="small" icon={<DownloadOutlined />} onClick={() => downloadXlsx(v.version)} data-testid={`download-${v.version}`}>
                    {t('admin.templates.download')}
                  </Button>
                  {v.status === 'draft' && (
                    <>
                      <Button size="small" type="primary" icon={<SendOutlined />} onClick={() => publish(v)} data-testid={`publish-${v.version}`}>
                        {t('admin.templates.publish')}
                      </Button>
                      <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(v)} data-testid={`remove-${v.version}`} aria-label={t('admin.templates.removeDraft')} />
                    </>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <TemplateUpload onCreated={onCreated} />
      <DiffCard versions={list} from={diff.from} to={diff.to} onChange={(from, to) => setDiff({ from, to })} />
      <TemplatePreviewDrawer version={preview} onClose={() => setPreview(null)} />
    </Space>
  );
}

/**
 * The administrator's instruments: template versions (list, upload from Excel with a dry run,
 * preview as the form, diff, publish) and scoring schemes (publish, preview a ranking with a draft).
 */
export function TemplatesAdminPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="admin-templates">
      <div className="page-title">
        <Typography.Title level={1}>{t('nav.adminTemplates')}</Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('admin.templates.help')}</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'templates', label: t('admin.templates.tabTemplates'), children: <TemplatesPanel /> },
          { key: 'schemes', label: <span data-testid="tab-schemes">{t('admin.templates.tabSchemes')}</span>, children: <SchemesPanel /> },
        ]}
      />
    </div>
  );
}
