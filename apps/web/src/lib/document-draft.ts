import { NARRATIVE_SECTION_KEYS, defaultNarrativeOutline, type ReportDocumentFields, type StructuredNarrative } from '@cchc/shared';

/** What the editor starts with: the stored sections, the standard outline for the ones not written yet. */
export function initialNarrative(stored: StructuredNarrative | undefined, year: number | undefined): StructuredNarrative {
  const outline = defaultNarrativeOutline(year);
  const out: StructuredNarrative = {};
  for (const k of NARRATIVE_SECTION_KEYS) out[k] = stored?.[k] ?? outline[k];
  return out;
}

export interface DocumentDraft {
  document: ReportDocumentFields;
  narrative: StructuredNarrative;
}
