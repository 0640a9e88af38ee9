import { redactUrl } from './redact-url';

describe('redactUrl', () => {
  it('replaces credential values in the query, wherever they sit, and keeps the rest', () => {
    expect(redactUrl('/api/admin/queues?token=eyJhbGciOi.abc.def')).toBe('/api/admin/queues?token=[redacted]');
    expect(redactUrl('/api/admin/queues/api/queues?page=2&token=abc&x=1')).toBe('/api/admin/queues/api/queues?page=2&token=[redacted]&x=1');
    expect(redactUrl('/x?access_token=a&password=b#frag')).toBe('/x?access_token=[redacted]&password=[redacted]#frag');
  });
  it('leaves URLs without credentials alone', () => {
    expect(redactUrl('/api/reports/19870/2023?tokens=1&mytoken=2')).toBe('/api/reports/19870/2023?tokens=1&mytoken=2');
  });
});
