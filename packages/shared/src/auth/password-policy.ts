import { COMMON_PASSWORDS } from './common-passwords';

/** ASVS 4.0 L2 §2.1: length over composition; no composition rules, a blocklist instead. */
export const PASSWORD_MIN_LENGTH = 10;
/** bcrypt reads only the first 72 bytes: a longer password would be silently truncated. */
export const PASSWORD_MAX_BYTES = 72;

export type PasswordProblemCode = 'too_short' | 'too_long' | 'whitespace_only' | 'contains_username' | 'too_simple' | 'too_common';

export interface PasswordProblem {
  code: PasswordProblemCode;
  /** Vietnamese reason, shown to the user. */
  message: string;
  messageEn: string;
}

/** UTF-8 length without TextEncoder/Buffer: this package runs in the browser and in Node, with neither's types. */
const utf8Bytes = (s: string) =>
  [...s].reduce((n, c) => {
    const cp = c.codePointAt(0)!;
    return n + (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
  }, 0);

let common: Set<string> | null = null;
const commonSet = (): Set<string> => (common ??= new Set(COMMON_PASSWORDS));

/** Lower-case letters and digits only: "Xa.19894" and "xa19894" are the same username to a guesser. */
const squash = (s: string) => s.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Why a new password is refused, or null when it is acceptable. Pure: the same rule runs in the API
 * (authoritative) and may run in the web form (feedback while typing).
 */
export function checkPassword(password: string, ctx: { username?: string | null } = {}): PasswordProblem | null {
  const chars = [...password.normalize('NFC')];
  if (password.trim().length === 0) {
    return { code: 'whitespace_only', message: 'Mật khẩu không được chỉ gồm khoảng trắng.', messageEn: 'The password may not be whitespace only.' };
  }
  if (chars.length < PASSWORD_MIN_LENGTH) {
    return {
      code: 'too_short',
      message: `Mật khẩu cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự.`,
      messageEn: `The password needs at least ${PASSWORD_MIN_LENGTH} characters.`,
    };
  }
  if (utf8Bytes(password) > PASSWORD_MAX_BYTES) {
    return {
      code: 'too_long',
      message: `Mật khẩu dài tối đa ${PASSWORD_MAX_BYTES} byte (khoảng ${PASSWORD_MAX_BYTES} ký tự không dấu).`,
      messageEn: `The password may be at most ${PASSWORD_MAX_BYTES} bytes long.`,
    };
  }
  const pw = squash(password);
  const user = ctx.username ? squash(ctx.username) : '';
  if (user.length >= 3 && (pw.includes(user) || pw.includes([...user].reverse().join('')))) {
    return { code: 'contains_username', message: 'Mật khẩu không được chứa tên đăng nhập.', messageEn: 'The password may not contain the username.' };
  }
  // "aaaaaaaaaa", "1212121212", "ab ab ab ab": long enough, guessed in seconds.
  if (new Set(chars.filter((c) => c.trim() !== '').map((c) => c.toLowerCase())).size < 4) {
    return {
      code: 'too_simple',
      message: 'Mật khẩu quá đơn giản (cần ít nhất 4 ký tự khác nhau).',
      messageEn: 'The password is too simple (it needs at least 4 different characters).',
    };
  }
  const lowered = password.normalize('NFC').toLowerCase();
  if (commonSet().has(lowered) || commonSet().has(lowered.trim())) {
    return {
      code: 'too_common',
      message: 'Mật khẩu này nằm trong danh sách mật khẩu phổ biến nhất; hãy chọn mật khẩu khác.',
      messageEn: 'This password is on the list of the most common passwords; choose another.',
    };
  }
  return null;
}
