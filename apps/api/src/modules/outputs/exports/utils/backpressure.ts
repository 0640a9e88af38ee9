import type { Writable } from 'node:stream';

/** The download was cancelled: stop producing, nothing to report to anyone. */
export class ClientGoneError extends Error {
  constructor() {
    super('client closed the download');
  }
}

/** Waits until `stream` drains, or fails as soon as the response `out` is gone (so a cancelled export stops reading the database). */
export function drained(stream: Writable, out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new ClientGoneError());
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      stream.off('drain', onDrain);
      out.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new ClientGoneError());
    stream.once('drain', onDrain);
    out.once('close', onClose);
  });
}
