import { createHash, createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkEvidenceName, extensionFits, sniffEvidence } from './evidence-file';
import { LocalEvidenceStore } from './local-evidence.store';
import { S3EvidenceStore } from './s3-evidence.store';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');

describe('evidence files are judged by content', () => {
  it('knows PDF, JPG, PNG and Office zips by their bytes, and nothing else', () => {
    expect(sniffEvidence(PDF)).toBe('pdf');
    expect(sniffEvidence(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('jpg');
    expect(sniffEvidence(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    const zip = (entry: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(entry)]);
    expect(sniffEvidence(zip('word/document.xml'))).toBe('docx');
    expect(sniffEvidence(zip('xl/workbook.xml'))).toBe('xlsx');
    expect(sniffEvidence(zip('payload.exe'))).toBeNull();
    expect(sniffEvidence(Buffer.from('<html><script>alert(1)</script>'))).toBeNull();
    expect(sniffEvidence(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(extensionFits('jpg', 'jpeg')).toBe(true);
    expect(extensionFits('pdf', 'png')).toBe(false);
  });

  it('keeps a Vietnamese name and refuses names that try to be paths', () => {
    expect(checkEvidenceName('Quyết định 12.pdf')).toEqual({ ok: true, name: 'Quyết định 12.pdf', extension: 'pdf' });
    for (const bad of ['../x.pdf', 'a/b.pdf', 'a\\b.pdf', '.htaccess', 'x\u0000.pdf', 'C:x.pdf', 'khong-duoi', '']) {
      expect(checkEvidenceName(bad).ok).toBe(false);
    }
  });
});

describe('local evidence store', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'par-store-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores once by content hash and reads back the same bytes', async () => {
    const store = new LocalEvidenceStore(dir);
    const h = sha(PDF);
    expect(await store.has(h)).toBe(false);
    await store.put(h, PDF);
    await store.put(h, PDF);
    expect((await store.get(h))?.equals(PDF)).toBe(true);
    expect(fs.readdirSync(path.join(dir, h.slice(0, 2), h.slice(2, 4)))).toEqual([h]);
    expect(await store.get('0'.repeat(64))).toBeNull();
    await expect(store.put('../../etc/passwd', PDF)).rejects.toThrow('not a sha256');
  });
});

/**
 * The S3 driver against a fake S3 — a real HTTP server in this test that checks each request's
 * Signature V4 the way S3 does and keeps objects in memory. Not tested against AWS or MinIO.
 */
describe('S3-compatible evidence store', () => {
  const objects = new Map<string, Buffer>();
  const seen: string[] = [];
  let server: Server;
  let endpoint: string;
  const secret = 'bi-mat-thu-nghiem';

  const verify = (req: IncomingMessage, body: Buffer): boolean => {
    const auth = String(req.headers['authorization'] ?? '');
    const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth);
    if (!m || m[1] !== 'khoa') return false;
    const [, , day, region, signed, signature] = m;
    const payloadHash = createHash('sha256').update(body).digest('hex');
    if (req.headers['x-amz-content-sha256'] !== payloadHash) return false;
    const names = signed.split(';');
    const canonical = [req.method, req.url, '', ...names.map((n) => `${n}:${String(req.headers[n])}`), '', signed, payloadHash].join('\n');
    const amzDate = String(req.headers['x-amz-date']);
    const toSign = ['AWS4-HMAC-SHA256', amzDate, `${day}/${region}/s3/aws4_request`, createHash('sha256').update(canonical).digest('hex')].join('\n');
    const k = (key: Buffer | string, d: string) => createHmac('sha256', key).update(d).digest();
    const signing = k(k(k(k(`AWS4${secret}`, day), region), 's3'), 'aws4_request');
    return createHmac('sha256', signing).update(toSign).digest('hex') === signature;
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        seen.push(`${req.method} ${req.url}`);
        if (!verify(req, body)) {
          res.writeHead(403).end('SignatureDoesNotMatch');
          return;
        }
        const key = req.url ?? '';
        if (req.method === 'PUT') {
          objects.set(key, body);
          res.writeHead(200).end();
        } else if (objects.has(key)) {
          res.writeHead(200).end(req.method === 'HEAD' ? undefined : objects.get(key));
        } else {
          res.writeHead(404).end();
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('puts, finds and gets an object with signed requests; a wrong secret is refused', async () => {
    const store = new S3EvidenceStore({ endpoint, bucket: 'minh-chung', region: 'ap-southeast-1', accessKey: 'khoa', secretKey: secret });
    const h = sha(PDF);
    expect(await store.get(h)).toBeNull();
    await store.put(h, PDF);
    expect(await store.has(h)).toBe(true);
    expect((await store.get(h))?.equals(PDF)).toBe(true);
    expect(objects.get(`/minh-chung/par-evidence/${h.slice(0, 2)}/${h}`)?.equals(PDF)).toBe(true);
    // Stored once: the second put finds it and sends no body.
    const puts = seen.filter((s) => s.startsWith('PUT')).length;
    await store.put(h, PDF);
    expect(seen.filter((s) => s.startsWith('PUT')).length).toBe(puts);
    const wrong = new S3EvidenceStore({ endpoint, bucket: 'minh-chung', region: 'ap-southeast-1', accessKey: 'khoa', secretKey: 'sai' });
    await expect(wrong.get(h)).rejects.toThrow('S3 GET');
  });
});
