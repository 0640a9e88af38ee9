import { Divider, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DocumentFieldsForm } from './document-fields-form';
import { NarrativeOutlineEditor } from './narrative-outline-editor';
import type { DocumentDraft } from '../../lib/document-draft';

// The form page loads this tab on first use (its date picker is ~30 KB of a rural link's script).
export { initialNarrative, type DocumentDraft } from '../../lib/document-draft';

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
