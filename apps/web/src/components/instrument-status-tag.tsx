import { Tag } from 'antd';
import { INSTRUMENT_STATUS_LABELS, type InstrumentStatus } from '@cchc/shared';
import { useTranslation } from 'react-i18next';

/** A template version's, scoring scheme's or PAR criteria set's status, in the shared vocabulary's words. */
export function InstrumentStatusTag({ status }: { status: InstrumentStatus }) {
  const { i18n } = useTranslation();
  const label = INSTRUMENT_STATUS_LABELS[status][i18n.language.startsWith('en') ? 'en' : 'vi'];
  return (
    <Tag color={status === 'published' ? 'green' : 'gold'} data-testid={`instrument-status-${status}`}>
      {label}
    </Tag>
  );
}
