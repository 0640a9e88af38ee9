/** An API refusal as the server describes it: status, machine code, Vietnamese and English reasons, the field at fault. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageVi: string,
    readonly messageEn: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(messageVi);
    this.name = 'ApiError';
  }

  /** The reason in the user's language. */
  text(lang: string): string {
    return lang.startsWith('en') ? this.messageEn || this.messageVi : this.messageVi || this.messageEn;
  }

  static network(cause: unknown): ApiError {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return new ApiError(0, 'network', `Không kết nối được máy chủ (${detail}). Kiểm tra mạng rồi thử lại.`, `Cannot reach the server (${detail}). Check the network and try again.`);
  }
}

/** Any thrown thing, as a sentence for the user. */
export function errorText(e: unknown, lang: string): string {
  if (e instanceof ApiError) return e.text(lang);
  if (e instanceof Error) return e.message;
  return String(e);
}
