import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload } from 'antd';
import type { ReactNode } from 'react';

/** One XLSX file chosen for an upload that is checked first: nothing is sent until the caller says so. */
export function XlsxFilePicker({ file, onChange, label, testId }: { file: File | null; onChange: (file: File | null) => void; label: ReactNode; testId: string }) {
  return (
    <Upload
      accept=".xlsx"
      maxCount={1}
      fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
      beforeUpload={(f) => {
        onChange(f);
        return false;
      }}
      onRemove={() => onChange(null)}
    >
      <Button icon={<UploadOutlined />} data-testid={testId}>
        {label}
      </Button>
    </Upload>
  );
}
