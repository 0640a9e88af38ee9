/** Below this a response is sent as it is: compressing it saves less than it costs (summaries' stored gzip uses the same line). */
export const COMPRESS_FROM_BYTES = 8 * 1024;

/** Revalidated on every load, so a new deployment's asset names are seen at once (the validators make it cheap). */
export const INDEX_CACHE_CONTROL = 'no-cache';

/** Vite names everything under assets/ by its content hash: a changed file is a new name, so the old one never changes. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * For an API answer that can never change (a published template version): kept by the browser for a
 * year. Private: it is read with a bearer token, so no shared cache may keep it.
 */
export const API_IMMUTABLE_CACHE_CONTROL = 'private, max-age=31536000, immutable';

/** Cache-Control for a file of the built web app, by its path relative to the build folder. */
export function cacheControlFor(relativePath: string): string {
  const p = relativePath.split('\\').join('/');
  return p.startsWith('assets/') ? IMMUTABLE_CACHE_CONTROL : INDEX_CACHE_CONTROL;
}
