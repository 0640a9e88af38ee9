import { useMemo, useState } from 'react';
import { Drawer, Segmented, Typography } from 'antd';
import type { Finding, Template, UnitLevel } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../components/query-state';
import { IndicatorTree } from '../../components/report/indicator-tree';
import { evaluate, visibleNodes } from '../../lib/form-state';
import { useTemplateDocument } from './hooks/use-instruments';

const LEVELS: UnitLevel[] = ['commune', 'province', 'district'];

/** The form a unit of the chosen level would fill, with the version's own checks running on what is typed; nothing is saved. */
function FormPreview({ template }: { template: Template }) {
  const { t } = useTranslation();
  const levels = LEVELS.filter((l) => template.nodes.some((n) => n.levels?.includes(l)));
  const [level, setLevel] = useState<UnitLevel>(levels[0] ?? 'commune');
  const [raw, setRaw] = useState<Record<string, string>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [open, setOpen] = useState<string[]>(() => template.nodes.filter((n) => n.depth === 1).map((n) => n.code).slice(0, 1));
  const nodes = useMemo(() => visibleNodes(template, level, new Set()), [template, level]);
  // Only what the typed values trigger: an empty preview is not a report with every row left blank.
  const findings = useMemo(() => {
    const typed = new Set(Object.keys(raw).filter((c) => raw[c] !== ''));
    const out = new Map<string, Finding[]>();
    for (const [code, list] of evaluate(template, raw, level).byCode) {
      const kept = list.filter((f) => (f.codes ?? [f.code]).some((c) => typed.has(c)));
      if (kept.length > 0) out.set(code, kept);
    }
    return out;
  }, [template, raw, level]);
  return (
    <div data-testid="template-preview">
      <Typography.Paragraph type="secondary">{t('admin.templates.previewHelp')}</Typography.Paragraph>
      <Typography.Text>{t('admin.templates.previewLevel')}: </Typography.Text>
      <Segmented<UnitLevel>
        data-testid="preview-level"
        value={level}
        onChange={setLevel}
        options={levels.map((l) => ({ value: l, label: t(`level.${l}`) }))}
        style={{ marginBottom: 12 }}
      />
      <IndicatorTree
        template={template}
        nodes={nodes}
        raw={raw}
        notes={notes}
        findingsByCode={findings}
        openGroups={open}
        onOpenGroupsChange={setOpen}
        onValueChange={(code, v) => setRaw((r) => ({ ...r, [code]: v }))}
        onNoteChange={(code, n) => setNotes((r) => ({ ...r, [code]: n }))}
      />
    </div>
  );
}

export function TemplatePreviewDrawer({ version, onClose }: { version: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const doc = useTemplateDocument(version);
  return (
    <Drawer open={!!version} onClose={onClose} width="min(1100px, 100vw)" title={t('admin.templates.previewTitle', { version: version ?? '' })} destroyOnHidden>
      {doc.isPending ? <LoadingState /> : doc.error ? <ErrorState error={doc.error} /> : <FormPreview key={doc.data.version} template={doc.data} />}
    </Drawer>
  );
}
