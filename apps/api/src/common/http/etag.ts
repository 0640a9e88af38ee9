import { createHash } from 'node:crypto';

/**
 * Validators for responses built from stored state. An ETag is a hash of exactly the state a
 * response was built from, so a match can never answer with something older than what is stored.
 */
export function etagOf(parts: unknown[]): string {
  return `"${createHash('sha1').update(JSON.stringify(parts)).digest('base64url')}"`;
}

/** If-None-Match holds our tag (a list, weak tags and `*` included, as RFC 9110 compares for GET). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}
