/** A part of a form: a plain field, or a file as a browser's file input sends it. */
export type FormPart = { name: string; value: string } | { name: string; file: Buffer; filename: string; type?: string };

/**
 * A multipart/form-data body encoded by Node's own FormData (the encoder browsers follow), with the
 * Content-Type naming its boundary: for `TestApp.request`, which sends bytes as they are.
 */
export async function formBody(parts: FormPart[]): Promise<{ body: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const p of parts) {
    if ('file' in p) form.append(p.name, new Blob([p.file], { type: p.type ?? 'application/octet-stream' }), p.filename);
    else form.append(p.name, p.value);
  }
  const encoded = new Response(form);
  return { body: Buffer.from(await encoded.arrayBuffer()), headers: { 'content-type': encoded.headers.get('content-type')! } };
}
