import { Input, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Narrative, NarrativeKey } from '../../api/schema-types';

export const NARRATIVE_KEYS: NarrativeKey[] = ['I', 'II', 'III', 'IV', 'V'];

/** The report's five written sections (I–V), as in the Word document. */
export function NarrativeEditor({ value, onChange, readOnly }: { value: Narrative; onChange?: (key: NarrativeKey, text: string) => void; readOnly?: boolean }) {
  const { t } = useTranslation();
  return (
    <Tabs
      size="small"
      items={NARRATIVE_KEYS.map((k) => ({
        key: k,
        label: `${k}. ${t(`narrative.short.${k}`)}`,
        children: readOnly ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid={`narrative-${k}`}>
            {value[k] || <Typography.Text type="secondary">{t('form.blank')}</Typography.Text>}
          </Typography.Paragraph>
        ) : (
          <div>
            <Typography.Text strong>
              {k}. {t(`narrative.title.${k}`)}
            </Typography.Text>
            <Input.TextArea
              data-testid={`narrative-${k}`}
              value={value[k] ?? ''}
              onChange={(e) => onChange?.(k, e.target.value)}
              autoSize={{ minRows: 5, maxRows: 18 }}
              placeholder={t('narrative.placeholder')}
              style={{ marginTop: 8 }}
            />
          </div>
        ),
      }))}
    />
  );
}
