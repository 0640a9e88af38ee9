import { Col, DatePicker, Form, Input, Row } from 'antd';
import dayjs from 'dayjs';
import type { ReportDocumentFields } from '@cchc/shared';
import { useTranslation } from 'react-i18next';

const lines = (s: string) => s.split('\n');
const text = (l: string[] | undefined) => (l ?? []).join('\n');

/** Header, recipients and signature of the printed report; every change is handed up whole (the API takes the fields as one). */
export function DocumentFieldsForm({ value, onChange, readOnly }: { value: ReportDocumentFields; onChange: (v: ReportDocumentFields) => void; readOnly?: boolean }) {
  const { t } = useTranslation();
  const set = <K extends keyof ReportDocumentFields>(k: K, v: ReportDocumentFields[K]) => onChange({ ...value, [k]: v });
  const field = (k: 'soKyHieu' | 'place' | 'issuerParent' | 'issuerName' | 'signerCapacity' | 'signerTitle' | 'signerName') => (
    <Form.Item label={t(`document.${k}`)}>
      <Input data-testid={`doc-${k}`} value={value[k]} disabled={readOnly} onChange={(e) => set(k, e.target.value)} />
    </Form.Item>
  );
  return (
    <Form layout="vertical" size="small" data-testid="document-fields">
      <Row gutter={12}>
        <Col xs={24} md={8}>{field('issuerParent')}</Col>
        <Col xs={24} md={8}>{field('issuerName')}</Col>
        <Col xs={24} md={8}>{field('soKyHieu')}</Col>
        <Col xs={24} md={8}>{field('place')}</Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('document.date')}>
            {/* dd/mm/yyyy whatever the browser's locale (a native date input showed 09/20/2023 in an English browser). */}
            <DatePicker
              data-testid="doc-date"
              format="DD/MM/YYYY"
              allowClear={false}
              style={{ width: '100%' }}
              value={value.date ? dayjs(value.date) : null}
              disabled={readOnly}
              onChange={(d) => d && set('date', d.format('YYYY-MM-DD'))}
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={t('document.trichYeu')}>
            <Input.TextArea data-testid="doc-trichYeu" autoSize value={value.trichYeu ?? ''} disabled={readOnly} onChange={(e) => set('trichYeu', e.target.value)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('document.kinhGui')}>
            <Input.TextArea data-testid="doc-kinhGui" autoSize={{ minRows: 2 }} value={text(value.kinhGui)} disabled={readOnly} onChange={(e) => set('kinhGui', lines(e.target.value))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('document.noiNhan')}>
            <Input.TextArea data-testid="doc-noiNhan" autoSize={{ minRows: 2 }} value={text(value.noiNhan)} disabled={readOnly} onChange={(e) => set('noiNhan', lines(e.target.value))} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={t('document.preamble')}>
            <Input.TextArea data-testid="doc-preamble" autoSize={{ minRows: 2, maxRows: 8 }} value={text(value.preamble)} disabled={readOnly} onChange={(e) => set('preamble', lines(e.target.value))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>{field('signerCapacity')}</Col>
        <Col xs={24} md={8}>{field('signerTitle')}</Col>
        <Col xs={24} md={8}>{field('signerName')}</Col>
      </Row>
    </Form>
  );
}
