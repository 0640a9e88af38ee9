import { createHash, createHmac } from 'node:crypto';
import { EvidenceStore, isSha256 } from './evidence-store';

export interface S3Settings {
  endpoint: string;
  bucket: string;
  region: string;
  accessKey: string;
  secretKey: string;
}

const sha256Hex = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * An S3-compatible bucket (AWS S3, MinIO, Ceph), path-style `<endpoint>/<bucket>/<key>`, signed with
 * AWS Signature V4. Only PUT, GET and HEAD of whole objects: evidence files are small and immutable.
 */
export class S3EvidenceStore implements EvidenceStore {
  readonly driver = 's3' as const;
  private readonly base: URL;

  constructor(private readonly s: S3Settings) {
    this.base = new URL(s.endpoint);
  }

  private keyOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return `par-evidence/${sha256.slice(0, 2)}/${sha256}`;
  }

  /** Signature V4 headers for one request (exported through the class for its test). */
  signedHeaders(method: string, key: string, payload: Buffer, now = new Date()): Record<string, string> {
    const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const day = amzDate.slice(0, 8);
    const host = this.base.host;
    const canonicalUri = `/${encodeURIComponent(this.s.bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
    const payloadHash = sha256Hex(payload);
    const headers: Record<string, string> = { host, 'x-amz-content-sha256': payloadHash, 'x-amz-date': amzDate };
    const names = Object.keys(headers).sort();
    const canonical = [method, canonicalUri, '', ...names.map((n) => `${n}:${headers[n]}`), '', names.join(';'), payloadHash].join('\n');
    const scope = `${day}/${this.s.region}/s3/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
    const kDate = hmac(`AWS4${this.s.secretKey}`, day);
    const kSigning = hmac(hmac(hmac(kDate, this.s.region), 's3'), 'aws4_request');
    const signature = createHmac('sha256', kSigning).update(toSign).digest('hex');
    return {
      'x-amz-content-sha256': payloadHash,
      'x-amz-date': amzDate,
      authorization: `AWS4-HMAC-SHA256 Credential=${this.s.accessKey}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
    };
  }

  private async call(method: 'PUT' | 'GET' | 'HEAD', sha256: string, body?: Buffer): Promise<Response> {
    const key = this.keyOf(sha256);
    const payload = body ?? Buffer.alloc(0);
    const url = new URL(`/${encodeURIComponent(this.s.bucket)}/${key}`, this.base);
    return fetch(url, { method, headers: this.signedHeaders(method, key, payload), ...(body ? { body } : {}) });
  }

  async put(sha256: string, bytes: Buffer): Promise<void> {
    if (await this.has(sha256)) return;
    const res = await this.call('PUT', sha256, bytes);
    if (!res.ok) throw new Error(`S3 PUT ${sha256} failed: ${res.status} ${await res.text()}`);
  }

  async get(sha256: string): Promise<Buffer | null> {
    const res = await this.call('GET', sha256);
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`S3 GET ${sha256} failed: ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  async has(sha256: string): Promise<boolean> {
    const res = await this.call('HEAD', sha256);
    if (res.status === 404) return false;
    if (!res.ok) throw new Error(`S3 HEAD ${sha256} failed: ${res.status}`);
    return true;
  }
}
