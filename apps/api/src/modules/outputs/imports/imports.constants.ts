/** Bodies the import accepts as a raw byte stream; the file itself says whether it is XLSX or CSV. */
export const IMPORT_CONTENT_TYPES = [
  'text/csv',
  'application/csv',
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
];

/** Errors listed in a response; the total is always given. */
export const MAX_LISTED_ERRORS = 200;
