import { getTemplate } from './registry';
import type { Template } from './types';

/** A stored report names a template version this code does not know. */
export class UnknownTemplateError extends Error {
  constructor(readonly version: string) {
    super(`report made with unknown template version ${version}`);
    this.name = 'UnknownTemplateError';
  }
}

/**
 * The template a report was made with. Throws for an unknown version rather than falling back
 * to the current template: reading old values against another template's codes would silently
 * misplace them (a report's version only ever comes from this registry, so this is a data bug).
 */
export function templateFor(version: string): Template {
  const t = getTemplate(version);
  if (!t) throw new UnknownTemplateError(version);
  return t;
}
