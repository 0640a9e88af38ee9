import { useState } from 'react';
import { Alert, Button, Card, Input, Space, Table, Typography } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/api-error';
import { XlsxFilePicker } from '../../components/xlsx-file-picker';
import { queryKeys } from '../../api/query-keys';
import { uploadTemplateXlsx, type TemplateSheetIssue, type TemplateUploadResult } from './templates-api';
import { useFeedback } from '../../lib/feedback';

/**
 * Next year's form from Excel: the file is checked first (a dry run: nothing written, every fault
 * named by sheet, row and code in Vietnamese); only a clean check offers to create the draft.
 */
export function TemplateUpload({ onCreated }: { onCreated: (version: string) => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { message } = useFeedback();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [version, setVersion] = useState('');
  const [result, setResult] = useState<TemplateUploadResult | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    try {
      const r = await uploadTemplateXlsx(file, { dryRun, version: version.trim() || undefined });
      setResult(r);
      if (r.created && r.version) {
        void message.success(t('admin.templates.created', { version: r.version }));
        await qc.invalidateQueries({ queryKey: queryKeys.templateVersions() });
        onCreated(r.version);
        setResult(null);
        setFile(null);
        setVersion('');
      }
    } catch (e) {
      void message.error(errorText(e, i18n.language));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('admin.templates.uploadTitle')} data-testid="template-upload">
      <Typography.Paragraph type="secondary">{t('admin.templates.uploadHelp')}</Typography.Paragraph>
      <Space wrap align="start">
        <Input
          style={{ width: 320 }}
          value={version}
          onChange={(e) => {
            setVersion(e.target.value);
            setResult(null);
          }}
          placeholder={t('admin.templates.newVersion')}
          aria-label={t('admin.templates.newVersion')}
          data-testid="upload-version"
        />
        <XlsxFilePicker
          file={file}
          onChange={(f) => {
            setFile(f);
            setResult(null);
          }}
          label={t('admin.templates.chooseFile')}
          testId="upload-choose"
        />
        <Button type="primary" icon={<CheckCircleOutlined />} disabled={!file} loading={busy && !result} onClick={() => void run(true)} data-testid="upload-check">
          {t('admin.templates.check')}
        </Button>
        {result?.ok && (
          <Button type="primary" loading={busy} onClick={() => void run(false)} data-testid="upload-create">
            {t('admin.templates.createDraft')}
          </Button>
        )}
      </Space>
      {result && (
        <div style={{ marginTop: 12 }} data-testid="upload-result">
          {result.ok ? (
            <Alert type="success" showIcon message={t('admin.templates.valid', { version: result.version ?? '', rows: result.rows, rules: result.rules })} />
          ) : (
            <>
              <Alert type="error" showIcon message={t('admin.templates.invalid', { count: result.issues.length })} style={{ marginBottom: 8 }} />
              <Table<TemplateSheetIssue>
                size="small"
                data-testid="upload-issues"
                rowKey={(i) => `${i.sheet}/${i.row ?? ''}/${i.field}/${i.vi}`}
                dataSource={result.issues}
                pagination={result.issues.length > 20 ? { pageSize: 20 } : false}
                columns={[
                  { title: t('admin.templates.issueSheet'), dataIndex: 'sheet', width: 150 },
                  { title: t('admin.templates.issueRow'), dataIndex: 'row', width: 70, render: (r: number | null) => r ?? '—' },
                  { title: t('admin.templates.issueCode'), dataIndex: 'code', width: 120, render: (c: string | null) => c ?? '—' },
                  { title: t('admin.templates.issueText'), key: 'text', render: (_, i) => (en ? i.en : i.vi) },
                ]}
              />
            </>
          )}
        </div>
      )}
    </Card>
  );
}
