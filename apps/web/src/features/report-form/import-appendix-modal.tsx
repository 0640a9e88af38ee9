import { useMemo, useState } from 'react';
import { Alert, Input, Modal, Space, Table, Tabs, Tag, Typography } from 'antd';
import { indexTemplate, parseAppendixText, validateValue, type AppendixParseResult, type Template } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import { fmtNumber } from '../../lib/format';
import { toRaw } from '../../lib/form-state';

interface Props {
  open: boolean;
  template: Template;
  onClose: () => void;
  onApply: (result: AppendixParseResult) => void;
  /** What the form holds now (raw input by code): a pasted value that would replace a different one is listed first. */
  current: Readonly<Record<string, string | undefined>>;
}

/** Paste the appendix table copied from the Word report; see what lands where before applying it. */
export function ImportAppendixModal({ open, template, onClose, onApply, current }: Props) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const [text, setText] = useState('');
  const result = useMemo(() => (text.trim() ? parseAppendixText(text, template) : null), [text, template]);
  const idx = useMemo(() => indexTemplate(template), [template]);
  // Every number read is applied, out of range included: the draft stores it and shows it as an error.
  const placed = result ? Object.entries(result.values).filter(([, v]) => v !== null && v !== undefined) : [];
  const incoming = toRaw(Object.fromEntries(placed));
  const overwritten = placed
    .map(([code]) => ({ code, before: (current[code] ?? '').trim(), after: incoming[code] ?? '' }))
    .filter((o) => o.before !== '' && o.before !== o.after);
  const outOfRange = new Set(placed.filter(([code, v]) => { const n = idx.get(code); return !!n && validateValue(n, v).findings.some((f) => f.severity === 'error'); }).map(([code]) => code));

  return (
    <Modal
      open={open}
      title={t('import.title')}
      width={900}
      okText={t('import.apply', { count: placed.length })}
      okButtonProps={{ disabled: !result || placed.length === 0, 'data-testid': 'import-apply' }}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => {
        if (result) onApply(result);
        setText('');
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('import.help')}</Typography.Paragraph>
      <Input.TextArea data-testid="import-text" value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 6, maxRows: 12 }} placeholder={t('import.placeholder')} />
      {result && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Alert
            type={result.problems.length ? 'warning' : 'success'}
            showIcon
            data-testid="import-summary"
            message={t('import.summary', { placed: placed.length, problems: result.problems.length })}
          />
          {overwritten.length > 0 && (
            <Alert
              type="warning"
              showIcon
              data-testid="import-overwrites"
              message={t('import.overwrites', { count: overwritten.length })}
              description={overwritten.map((o) => `${o.code}: ${o.before} → ${o.after}`).join(' · ')}
            />
          )}
          {outOfRange.size > 0 && (
            <Alert type="warning" showIcon data-testid="import-out-of-range" message={t('import.outOfRange', { count: outOfRange.size, codes: [...outOfRange].join(', ') })} />
          )}
          <Tabs
            size="small"
            items={[
              {
                key: 'placed',
                label: t('import.placed', { count: placed.length }),
                children: (
                  <Table
                    size="small"
                    rowKey="code"
                    pagination={false}
                    scroll={{ y: 260 }}
                    dataSource={placed.map(([code, v]) => ({ code, value: v as number, note: result.notes[code] }))}
                    columns={[
                      { title: t('form.colCode'), dataIndex: 'code', width: 90 },
                      { title: t('form.colIndicator'), key: 'title', render: (_, r) => { const n = idx.get(r.code); return en && n?.titleEn ? n.titleEn : n?.title; } },
                      { title: t('form.colValue'), dataIndex: 'value', width: 100, align: 'right', render: (v: number, r) => (outOfRange.has(r.code) ? <Tag color="error">{fmtNumber(v, 4)}</Tag> : fmtNumber(v, 4)) },
                      { title: t('form.colNote'), dataIndex: 'note', ellipsis: true },
                    ]}
                  />
                ),
              },
              {
                key: 'problems',
                label: t('import.problems', { count: result.problems.length }),
                children: result.problems.length ? (
                  <Table
                    size="small"
                    rowKey={(r) => `${r.line}-${r.text}`}
                    pagination={false}
                    scroll={{ y: 260 }}
                    dataSource={result.problems}
                    columns={[
                      { title: t('import.line'), dataIndex: 'line', width: 70 },
                      { title: t('import.text'), dataIndex: 'text', ellipsis: true },
                      { title: t('import.reason'), key: 'reason', render: (_, p) => (en ? p.reason.en : p.reason.vi) },
                    ]}
                  />
                ) : (
                  <Typography.Text type="secondary">{t('import.noProblems')}</Typography.Text>
                ),
              },
            ]}
          />
        </Space>
      )}
    </Modal>
  );
}
