export * from './criteria-set';
export * from './suggest';
export * from './stages';
export * from './results';
export * from './demo-criteria-set';
export * from './access';
export * from './criteria-sheet';
