import { BUILT_IN_TEMPLATES, valueNodes } from '@cchc/shared';
import { evaluate, saveBody, toRaw, visibleNodes, type DraftState } from './form-state';

const template = BUILT_IN_TEMPLATES[0];
const communeNodes = valueNodes(template, 'commune');
const count = communeNodes.find((n) => n.valueType === 'count')!;
const percent = communeNodes.find((n) => n.valueType === 'percent')!;
const emptyNarrative = {} as DraftState['narrative'];

describe('form state', () => {
  it('shows stored numbers the Vietnamese way and reads them back', () => {
    const raw = toRaw({ [count.code]: 1714, [percent.code]: 56.1 });
    expect(raw[count.code]).toBe('1.714');
    expect(raw[percent.code]).toBe('56,1');
    expect(evaluate(template, raw, 'commune').values).toMatchObject({ [count.code]: 1714, [percent.code]: 56.1 });
  });

  it('keeps text that is no number on screen, unsent, and counts it as an error', () => {
    const e = evaluate(template, { [count.code]: 'mười', [percent.code]: '150' }, 'commune');
    expect(e.unreadable.has(count.code)).toBe(true);
    expect(e.values).not.toHaveProperty(count.code);
    // An out-of-range percent is a number: saved (the draft keeps it) and shown as an error.
    expect(e.values[percent.code]).toBe(150);
    expect(e.byCode.get(percent.code)?.some((f) => f.severity === 'error')).toBe(true);
  });

  it('sends blanks as null so a cleared cell clears on the server, and never sends unreadable text', () => {
    const draft: DraftState = { raw: { [count.code]: '', [percent.code]: 'abc' }, notes: { [count.code]: '  ' }, narrative: emptyNarrative };
    const e = evaluate(template, draft.raw, 'commune');
    const body = saveBody(e, draft, { values: { [count.code]: 5, [percent.code]: 40 }, notes: { [count.code]: 'cũ' } }, 3);
    expect(body.values?.[count.code]).toBeNull();
    expect(body.values).not.toHaveProperty(percent.code);
    expect(body.notes?.[count.code]).toBeNull();
    expect(body.version).toBe(3);
  });

  it("shows a level's own rows with their headings, and any row already filled", () => {
    const commune = visibleNodes(template, 'commune', new Set());
    expect(commune.some((n) => n.code === count.code)).toBe(true);
    // Every visible value row's parent heading is visible too.
    const codes = new Set(commune.map((n) => n.code));
    for (const n of commune) if (n.parent) expect(codes.has(n.parent)).toBe(true);
    const notCommune = valueNodes(template).find((n) => !(n.levels ?? []).includes('commune'))!;
    expect(codes.has(notCommune.code)).toBe(false);
    expect(visibleNodes(template, 'commune', new Set([notCommune.code])).some((n) => n.code === notCommune.code)).toBe(true);
  });
});
