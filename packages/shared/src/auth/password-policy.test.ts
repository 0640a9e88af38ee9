import { COMMON_PASSWORDS } from './common-passwords';
import { checkPassword, PASSWORD_MIN_LENGTH } from './password-policy';

const code = (pw: string, username?: string) => checkPassword(pw, { username })?.code ?? null;

describe('checkPassword (ASVS L2)', () => {
  it('accepts a long passphrase unrelated to the username', () => {
    expect(code('lúa chín vàng đồng Quảng Thọ', 'xa.19894')).toBeNull();
    expect(code('correct horse battery', 'admin')).toBeNull();
  });

  it('refuses fewer than the minimum characters, counting letters not bytes', () => {
    expect(code('aaaa')).toBe('too_short');
    expect(code('a'.repeat(PASSWORD_MIN_LENGTH - 1))).toBe('too_short');
    // 9 Vietnamese letters are 9 characters, even if their UTF-8 is longer.
    expect(code('đường đẹp')).toBe('too_short');
    expect(code('đường đẹp!')).toBeNull();
  });

  it('refuses whitespace only, whatever its length', () => {
    expect(code('    ')).toBe('whitespace_only');
    expect(code(' '.repeat(20))).toBe('whitespace_only');
    expect(code('\t\n  \u00a0     ')).toBe('whitespace_only');
  });

  it('refuses the username, case-insensitively and when it is merely wrapped or reversed', () => {
    expect(code('Huyen.477-Huyen', 'huyen.477')).toBe('contains_username');
    expect(code('XA.19894xa.19894', 'xa.19894')).toBe('contains_username');
    expect(code('my-xa19894-password', 'xa.19894')).toBe('contains_username');
    expect(code('nimda-is-backwards', 'admin')).toBe('contains_username');
    expect(code('a totally different one', 'xa.19894')).toBeNull();
  });

  it('refuses passwords made of fewer than four different characters', () => {
    expect(code('aaaaaaaaaaaa')).toBe('too_simple');
    expect(code('1212121212')).toBe('too_simple');
    expect(code('abcabcabcabc')).toBe('too_simple');
    expect(code('abcdabcdabcd')).toBeNull();
  });

  it('refuses every password of the shipped common list, in any case', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThan(1000);
    for (const pw of ['1234567890', 'qwertyuiop', 'password123', 'matkhau123']) {
      expect(COMMON_PASSWORDS).toContain(pw);
      expect(code(pw)).toBe('too_common');
      expect(code(pw.toUpperCase())).toBe('too_common');
    }
    const refusedByList = COMMON_PASSWORDS.filter((pw) => code(pw) === 'too_common').length;
    const refusedAtAll = COMMON_PASSWORDS.filter((pw) => code(pw) !== null).length;
    expect(refusedAtAll).toBe(COMMON_PASSWORDS.length);
    expect(refusedByList).toBeGreaterThan(0);
  });

  it('refuses what bcrypt would truncate', () => {
    expect(code('abcd'.repeat(18))).toBeNull(); // 72 bytes
    expect(code('abcd'.repeat(18) + 'e')).toBe('too_long');
    // 37 letters but 74 bytes: the byte limit is what bcrypt sees.
    expect(code('đ'.repeat(37))).toBe('too_long');
  });

  it('gives a Vietnamese and an English reason', () => {
    const p = checkPassword('aaaa');
    expect(p?.message).toMatch(/ít nhất 10 ký tự/);
    expect(p?.messageEn).toMatch(/at least 10 characters/);
  });
});
