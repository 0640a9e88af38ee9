import { HttpException } from '@nestjs/common';
import { MAX_JSON_DEPTH, parseJsonBody } from './json-body';

const refusal = (text: string): Record<string, unknown> => {
  try {
    parseJsonBody(text);
  } catch (e) {
    return (e as HttpException).getResponse() as Record<string, unknown>;
  }
  throw new Error('not refused');
};

describe('parseJsonBody', () => {
  it('parses ordinary bodies, brackets inside strings not counted as depth', () => {
    expect(parseJsonBody('{"a":[1,{"b":"[[[[{{{{"}]}')).toEqual({ a: [1, { b: '[[[[{{{{' }] });
    const atLimit = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(() => parseJsonBody(atLimit)).not.toThrow();
  });

  it('refuses nesting past the limit with 400 naming it, without recursing', () => {
    const r = refusal(`{"narrative":{"I":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`);
    expect(r.statusCode).toBe(400);
    expect(r.messageEn).toContain(`limit is ${MAX_JSON_DEPTH}`);
    expect(refusal(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`).statusCode).toBe(400);
  });

  it('names a __proto__ or constructor key by its path', () => {
    expect(refusal('{"values":{"__proto__":{"x":1}}}').field).toBe('values.__proto__');
    expect(refusal('{"a":[{"constructor":{"prototype":{}}}]}').field).toBe('a.0.constructor');
    expect(refusal('{"values":{"constructor":5}}').field).toBe('values.constructor');
    expect(refusal('{"values":{"toString":1}}').field).toBe('values.toString');
    expect(refusal('{"notes":{"hasOwnProperty":"x"}}').field).toBe('notes.hasOwnProperty');
    expect(refusal('{"values":{"prototype":5}}').field).toBe('values.prototype');
    expect(parseJsonBody('{"values":{"Constructor":5,"1.1.1":1}}')).toEqual({ values: { Constructor: 5, '1.1.1': 1 } });
  });

  it('refuses characters XML cannot carry in any string, key or value, naming the field', () => {
    const r = refusal('{"notes":{"1.1.1":"ghi\\ufffe"}}');
    expect(r.field).toBe('notes.1.1.1');
    expect(r.details).toEqual({ character: 'U+FFFE' });
    expect(refusal('{"a\\u0001":1}').field).toBe('a\u0001');
    expect(parseJsonBody('{"t":"a\\tb\\nc\\rd"}')).toEqual({ t: 'a\tb\nc\rd' });
  });

  it('answers broken and empty JSON as 400 in the house shape', () => {
    expect(refusal('{"a":').error).toBe('bad_request');
    expect(refusal('   ').statusCode).toBe(400);
  });
});
