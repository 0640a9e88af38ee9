/**
 * Where evidence bytes live, content-addressed by SHA-256 (metadata stays in par_evidence).
 * One interface, two drivers chosen by configuration: a local directory, or an S3-compatible bucket
 * when several API machines must see the same files.
 */
export interface EvidenceStore {
  readonly driver: 'local' | 's3';
  /** Stores the bytes under their hash; storing the same bytes twice is a no-op. */
  put(sha256: string, bytes: Buffer): Promise<void>;
  /** The bytes, or null when nothing is stored under that hash. */
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
}

export const EVIDENCE_STORE = Symbol('EVIDENCE_STORE');

export const isSha256 = (s: string): boolean => /^[0-9a-f]{64}$/.test(s);
