import { CURRENT_TEMPLATE_VERSION, getTemplate } from './registry';
import { templateFor, UnknownTemplateError } from './template-for';

describe('templateFor', () => {
  it('returns the registered template of a known version', () => {
    expect(templateFor(CURRENT_TEMPLATE_VERSION)).toBe(getTemplate(CURRENT_TEMPLATE_VERSION));
  });

  it('throws for an unknown version instead of falling back to the current template', () => {
    expect(() => templateFor('1999')).toThrow(UnknownTemplateError);
    expect(() => templateFor('toString')).toThrow(/unknown template version toString/);
  });
});
