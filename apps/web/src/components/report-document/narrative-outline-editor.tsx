import { useState } from 'react';
import { Button, Card, Input, Modal, Space, Tabs, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SnippetsOutlined } from '@ant-design/icons';
import { NARRATIVE_SECTION_KEYS, narrativeFromWordPaste, type NarrativeSection, type NarrativeSectionKey, type NarrativeSubsection, type StructuredNarrative } from '@cchc/shared';
import { useTranslation } from 'react-i18next';

const lines = (s: string) => s.split('\n');

/** Subsections flattened with their depth, so nested ones ("1.1" under "1") edit in one list and regroup by number. */
function flatten(subs: NarrativeSubsection[], out: NarrativeSubsection[] = []): NarrativeSubsection[] {
  for (const s of subs) {
    out.push({ number: s.number, title: s.title, paragraphs: s.paragraphs });
    flatten(s.children ?? [], out);
  }
  return out;
}

/** "1.1" goes under the nearest preceding "1": the stored shape nests by number. */
export function nest(flat: NarrativeSubsection[]): NarrativeSubsection[] {
  const root: NarrativeSubsection[] = [];
  const stack: NarrativeSubsection[] = [];
  for (const f of flat) {
    const node: NarrativeSubsection = { number: f.number.trim().replace(/\.$/, ''), title: f.title, paragraphs: f.paragraphs };
    const depth = node.number.split('.').length;
    while (stack.length && (stack[stack.length - 1].number.split('.').length >= depth || !node.number.startsWith(`${stack[stack.length - 1].number}.`))) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) (parent.children ??= []).push(node);
    else root.push(node);
    stack.push(node);
  }
  return root;
}

/** The next number after `n` at the same depth: "1.2" → "1.3". */
const nextNumber = (n: string | undefined) => {
  if (!n) return '1';
  const parts = n.split('.');
  parts[parts.length - 1] = String(Number(parts[parts.length - 1]) + 1 || 1);
  return parts.join('.');
};

function SectionEditor({ k, section, onChange, readOnly }: { k: NarrativeSectionKey; section: NarrativeSection; onChange: (s: NarrativeSection) => void; readOnly?: boolean }) {
  const { t } = useTranslation();
  const [paste, setPaste] = useState<string | null>(null);
  const flat = flatten(section.subsections);
  const setFlat = (f: NarrativeSubsection[]) => onChange({ ...section, subsections: nest(f) });
  const update = (i: number, patch: Partial<NarrativeSubsection>) => setFlat(flat.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <div data-testid={`narrative-section-${k}`}>
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Text strong>
          {k}. {section.title}
        </Typography.Text>
        {!readOnly && (
          <Button size="small" icon={<SnippetsOutlined />} onClick={() => setPaste('')} data-testid={`paste-${k}`}>
            {t('document.paste')}
          </Button>
        )}
      </Space>
      <Input.TextArea
        data-testid={`narrative-intro-${k}`}
        placeholder={t('document.intro')}
        autoSize={{ minRows: 1, maxRows: 8 }}
        value={section.intro.join('\n')}
        disabled={readOnly}
        onChange={(e) => onChange({ ...section, intro: lines(e.target.value) })}
        style={{ marginBottom: 8 }}
      />
      {flat.map((s, i) => (
        <Card key={i} size="small" style={{ marginBottom: 8, marginLeft: (s.number.split('.').length - 1) * 24 }} data-testid={`sub-${k}-${s.number}`}>
          <Space.Compact style={{ width: '100%', marginBottom: 6 }}>
            <Input style={{ width: 80 }} aria-label={t('document.number')} value={s.number} disabled={readOnly} onChange={(e) => update(i, { number: e.target.value })} />
            <Input aria-label={t('document.subTitle')} placeholder={t('document.subTitle')} value={s.title} disabled={readOnly} onChange={(e) => update(i, { title: e.target.value })} />
            {!readOnly && <Button icon={<DeleteOutlined />} aria-label={t('document.removeSub')} onClick={() => setFlat(flat.filter((_, j) => j !== i))} />}
          </Space.Compact>
          <Input.TextArea
            placeholder={t('document.paragraphs')}
            autoSize={{ minRows: 2, maxRows: 16 }}
            value={s.paragraphs.join('\n')}
            disabled={readOnly}
            onChange={(e) => update(i, { paragraphs: lines(e.target.value) })}
          />
        </Card>
      ))}
      {!readOnly && (
        <Button size="small" icon={<PlusOutlined />} onClick={() => setFlat([...flat, { number: nextNumber(flat[flat.length - 1]?.number), title: '', paragraphs: [] }])} data-testid={`add-sub-${k}`}>
          {t('document.addSub')}
        </Button>
      )}
      <Modal
        open={paste !== null}
        title={t('document.pasteTitle', { key: k })}
        okText={t('document.pasteApply')}
        cancelText={t('common.cancel')}
        onCancel={() => setPaste(null)}
        onOk={() => {
          onChange({ ...section, ...narrativeFromWordPaste(paste ?? '') });
          setPaste(null);
        }}
      >
        <Typography.Paragraph type="secondary">{t('document.pasteHint')}</Typography.Paragraph>
        <Input.TextArea data-testid={`paste-text-${k}`} autoSize={{ minRows: 8, maxRows: 20 }} value={paste ?? ''} onChange={(e) => setPaste(e.target.value)} />
      </Modal>
    </div>
  );
}

/** Sections I–V, each with its numbered subsections (title + paragraphs), as in the printed report. */
export function NarrativeOutlineEditor({ value, onChange, readOnly }: { value: StructuredNarrative; onChange: (v: StructuredNarrative) => void; readOnly?: boolean }) {
  const { t } = useTranslation();
  return (
    <Tabs
      size="small"
      items={NARRATIVE_SECTION_KEYS.filter((k) => value[k]).map((k) => ({
        key: k,
        label: `${k}. ${t(`narrative.short.${k}`)}`,
        children: <SectionEditor k={k} section={value[k]!} readOnly={readOnly} onChange={(s) => onChange({ ...value, [k]: s })} />,
      }))}
    />
  );
}
