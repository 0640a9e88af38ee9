export * from './types';
export * from './vietnamese-date';
export * from './defaults';
export * from './narrative';
export * from './document-fields';
