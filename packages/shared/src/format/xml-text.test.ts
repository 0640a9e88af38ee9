import { firstXmlIllegal, neutralizeFormula, stripXmlIllegal } from './xml-text';

describe('stripXmlIllegal', () => {
  it('removes the characters XML 1.0 cannot carry and keeps tab, newline and carriage return', () => {
    expect(stripXmlIllegal('a\ufffeb\uffffc\u0000d\u0007e\u001ff\tg\nh\ri')).toBe('abcdef\tg\nh\ri');
  });

  it('removes the other noncharacters, in the first and in the astral planes', () => {
    expect(stripXmlIllegal('x\ufdd0y\ufdefz')).toBe('xyz');
    expect(stripXmlIllegal('x\u{1fffe}y\u{10ffff}z')).toBe('xyz');
  });

  it('removes lone surrogates and keeps paired ones', () => {
    expect(stripXmlIllegal('a\ud800b\udc00c')).toBe('abc');
    expect(stripXmlIllegal('Xã 😀 Quảng Thọ')).toBe('Xã 😀 Quảng Thọ');
  });

  it('leaves Vietnamese text untouched', () => {
    const s = 'Ủy ban nhân dân xã Quảng Thọ — “cải cách hành chính” 100%';
    expect(stripXmlIllegal(s)).toBe(s);
  });
});

describe('firstXmlIllegal', () => {
  it('names the first illegal character by its code point, and null when there is none', () => {
    expect(firstXmlIllegal('ok \uffff and \ufffe')).toBe('U+FFFF');
    expect(firstXmlIllegal('a\u0001')).toBe('U+0001');
    expect(firstXmlIllegal('clean\ttext\n')).toBeNull();
    // Repeated calls do not carry state from a global regex.
    expect(firstXmlIllegal('\ufffe')).toBe('U+FFFE');
    expect(firstXmlIllegal('\ufffe')).toBe('U+FFFE');
  });
});

describe('neutralizeFormula', () => {
  it('prefixes text a spreadsheet would run as a formula', () => {
    for (const s of ['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(neutralizeFormula(s)).toBe(`'${s}`);
  });
  it('leaves other text alone', () => {
    expect(neutralizeFormula('Ghi chú: =1')).toBe('Ghi chú: =1');
    expect(neutralizeFormula('')).toBe('');
  });
});
