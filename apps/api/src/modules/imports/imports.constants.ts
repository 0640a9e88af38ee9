/** Bodies the import accepts as raw bytes; the file itself says whether it is XLSX or CSV. */
export const IMPORT_CONTENT_TYPES = [
  'text/csv',
  'application/csv',
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
];

/** A national file (10,600 communes × ~80 values) is ~10 MB as CSV; the JSON body limit stays as configured. */
export const IMPORT_BODY_LIMIT_BYTES = 40 * 1024 * 1024;
