import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyReply } from 'fastify';
import { LRUCache } from 'lru-cache';
import { COMPRESS_FROM_BYTES } from '../compression';

/** JSON kept per cache in one process; the largest body (a province's communes ranked, ~450 KB) fits many times. */
const MAX_BYTES = 64 * 2 ** 20;
/** Below this a body is sent as it is (the same line as the per-request compression of other answers). */
const GZIP_FROM_BYTES = COMPRESS_FROM_BYTES;

const gzipAsync = promisify(gzip);

export interface CachedJson {
  json: string;
  /** The same body gzipped once when built (large bodies only): sending it costs no compression per request. */
  gzip: Buffer | null;
}

/**
 * Serialized read responses, each stored with the ETag of the state it was built from. A hit needs the
 * tag the caller has just read from the database to equal the stored one, so it never answers with
 * anything older than what is stored (the body was read after its tag: at worst it is newer). Concurrent
 * misses for one key and tag share one build, so a burst after an approval builds the body once.
 */
export class TaggedJsonCache {
  private readonly entries = new LRUCache<string, CachedJson & { tag: string }>({
    maxSize: MAX_BYTES,
    sizeCalculation: (e) => e.json.length + (e.gzip?.length ?? 0) + e.tag.length + 1,
  });
  private readonly building = new Map<string, Promise<CachedJson>>();

  get(key: string, tag: string, build: () => Promise<unknown>): Promise<CachedJson> {
    const hit = this.entries.get(key);
    if (hit && hit.tag === tag) return Promise.resolve(hit);
    const flight = `${key}\n${tag}`;
    const pending = this.building.get(flight);
    if (pending) return pending;
    const made = build()
      .then(async (body) => {
        const json = JSON.stringify(body);
        const entry = { tag, json, gzip: json.length >= GZIP_FROM_BYTES ? await gzipAsync(json) : null };
        this.entries.set(key, entry);
        return entry;
      })
      .finally(() => this.building.delete(flight));
    this.building.set(flight, made);
    return made;
  }
}

/** Sends a cached body: gzipped when it was stored so and the client accepts it, else the JSON as it is. */
export function sendCachedJson(reply: FastifyReply, body: CachedJson, acceptEncoding: string | undefined): string | Buffer {
  void reply.header('content-type', 'application/json; charset=utf-8').header('vary', 'accept-encoding');
  if (body.gzip && acceptEncoding && negotiate(acceptEncoding, ['gzip']) === 'gzip') {
    void reply.header('content-encoding', 'gzip');
    return body.gzip;
  }
  return body.json;
}
