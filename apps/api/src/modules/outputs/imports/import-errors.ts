/** The file is not a readable CSV/XLSX; the detail is for the log, never for the response. */
export class UnreadableFileError extends Error {}

/** The file passes one of the configured limits: 413 for sizes, 400 for rows, columns and cells. */
export class ImportLimitError extends Error {
  constructor(
    readonly status: 413 | 400,
    readonly vi: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** The zip's bytes are not laid out as its central directory declares (hidden or extra data): refused with 400 before anything is inflated. */
export class ArchiveLayoutError extends UnreadableFileError {}
