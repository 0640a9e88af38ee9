/** Query parameters that carry a credential: never written to a log. */
const SECRET_PARAMS = /([?&](?:token|access_token|accessToken|password|secret|jwt)=)[^&#]*/gi;

/** The URL as it may be logged: credential-bearing query values replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}
