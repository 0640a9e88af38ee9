import { Divider, Typography } from 'antd';
import { NARRATIVE_SECTION_KEYS, defaultNarrativeOutline, type ReportDocumentFields, type StructuredNarrative } from '@cchc/shared';
import { useTranslation } from 'react-i18next';
import { DocumentFieldsForm } from './document-fields-form';
import { NarrativeOutlineEditor } from './narrative-outline-editor';

/** What the editor starts with: the stored sections, the standard outline for the ones not written yet. */
export function initialNarrative(stored: StructuredNarrative | undefined, year: number | undefined): StructuredNarrative {
  const outline = defaultNarrativeOutline(year);
  const out: StructuredNarrative = {};
  for (const k of NARRATIVE_SECTION_KEYS) out[k] = stored?.[k] ?? outline[k];
  return out;
}

export interface DocumentDraft {
  document: ReportDocumentFields;
  narrative: StructuredNarrative;
}

/** The "Văn bản" tab of the report form: the document's fields, then sections I–V. */
export function DocumentTab({ value, onChange, readOnly }: { value: DocumentDraft; onChange: (patch: Partial<DocumentDraft>) => void; readOnly?: boolean }) {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 12 }} data-testid="document-tab">
      <Typography.Title level={5}>{t('document.fieldsTitle')}</Typography.Title>
      <DocumentFieldsForm value={value.document} readOnly={readOnly} onChange={(document) => onChange({ document })} />
      <Divider />
      <Typography.Title level={5}>{t('document.narrativeTitle')}</Typography.Title>
      <NarrativeOutlineEditor value={value.narrative} readOnly={readOnly} onChange={(narrative) => onChange({ narrative })} />
    </div>
  );
}
