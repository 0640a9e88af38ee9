export * from './template/types';
export * from './aggregation/types';
export { TEMPLATE_2023 } from './template/template-2023';
export { parseOptionsLabel } from './template/build-template';
export * from './template/registry';
export * from './format/number';
export { cleanText, titleSimilarity, shortTitle } from './format/text';
export * from './parser/parse-appendix';
export * from './validation/validate';
