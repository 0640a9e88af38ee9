import { isValidUsername, normalizeUsername } from './username';

describe('normalizeUsername', () => {
  it('gives look-alike spellings of one name the same form', () => {
    const forms = ['xa.19876', 'XA.19876', 'ｘａ.19876', 'ＸＡ．１９８７６', 'xa.19876\u200b', '\u200bx\u200da.19876', 'xa.19876\ufeff', ' xa.19876 ', 'x\u00ada.19876'];
    expect(new Set(forms.map(normalizeUsername))).toEqual(new Set(['xa.19876']));
  });

  it('keeps a different letter different: accents are not folded away', () => {
    expect(normalizeUsername('xá.19876')).toBe('xá.19876');
    expect(normalizeUsername('Xâ.19876')).toBe('xâ.19876');
    expect(normalizeUsername('xá.19876')).not.toBe(normalizeUsername('xa.19876'));
  });

  it('composes a combining accent into the same form as the precomposed letter', () => {
    expect(normalizeUsername('xa\u0301.19876')).toBe(normalizeUsername('xá.19876'));
  });

  it('folds case fully, not just to lower case', () => {
    expect(normalizeUsername('STRASSE')).toBe(normalizeUsername('straße'));
  });

  it('accepts only plain ASCII names for new accounts', () => {
    expect(isValidUsername(normalizeUsername('XA.19876'))).toBe(true);
    expect(isValidUsername(normalizeUsername('xá.19876'))).toBe(false);
    expect(isValidUsername('ab')).toBe(false);
    expect(isValidUsername('a b c')).toBe(false);
  });
});
