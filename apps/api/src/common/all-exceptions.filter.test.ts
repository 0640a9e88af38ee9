import { ArgumentsHost, InternalServerErrorException, Logger, NotFoundException } from '@nestjs/common';
import { AllExceptionsFilter } from './all-exceptions.filter';

/** Runs the filter as Fastify would and returns what the client receives. */
function send(exception: unknown): { status: number; body: Record<string, unknown> } {
  const out = { status: 0, body: {} as Record<string, unknown> };
  const reply: { status(code: number): unknown; send(body: Record<string, unknown>): unknown } = {
    status(code: number) {
      out.status = code;
      return reply;
    },
    send(body: Record<string, unknown>) {
      out.body = body;
      return reply;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({ method: 'GET', url: '/api/x' }) }),
  } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return out;
}

describe('AllExceptionsFilter never leaks a server error', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('hides the text and stack of an unexpected error', () => {
    const r = send(new Error("ER_NO_SUCH_TABLE: Table 'cchc.users' doesn't exist at /srv/app/dist/x.js:12"));
    expect(r.status).toBe(500);
    expect(r.body).toMatchObject({ error: 'internal_error', messageEn: 'Internal error.' });
    expect(JSON.stringify(r.body)).not.toMatch(/ER_NO_SUCH_TABLE|\/srv|stack/);
  });

  it("hides a 5xx HttpException's own message", () => {
    const r = send(new InternalServerErrorException('pool exhausted: mysql://root:hunter2@db'));
    expect(r.status).toBe(500);
    expect(JSON.stringify(r.body)).not.toMatch(/hunter2|pool exhausted/);
    expect(typeof r.body['message']).toBe('string');
  });

  it("keeps a client error's detail, which helps the client", () => {
    const r = send(new NotFoundException('No route GET /api/nope'));
    expect(r.status).toBe(404);
    expect(r.body['messageEn']).toBe('No route GET /api/nope');
  });
});
