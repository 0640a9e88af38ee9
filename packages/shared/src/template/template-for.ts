/** A stored report or period names a template version that is not stored (or not published). */
export class UnknownTemplateError extends Error {
  constructor(readonly version: string) {
    super(`unknown template version ${version}`);
    this.name = 'UnknownTemplateError';
  }
}
