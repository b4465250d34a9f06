/**
 * Keeping secrets out of logs, errors and manifests.
 *
 * Some APIs put credentials in the query string (LG Inform's ApplicationKey
 * and Signature) and connection strings carry passwords. Anything that prints
 * a URL goes through `redactUrl` first.
 */

/** Query parameters that carry credentials, compared without regard to case. */
export const SECRET_QUERY_PARAMETERS: readonly string[] = [
  'ApplicationKey',
  'Signature',
  'api_key',
  'apikey',
  'access_token',
  'token',
  'password',
];

// #region redact-url
/**
 * The URL (or path) with credential query parameters removed and any
 * password in the user-info part replaced by `***`. It works on the text,
 * so everything else stays exactly as it was sent, order included.
 */
export function redactUrl(url: string, secretParameters: readonly string[] = SECRET_QUERY_PARAMETERS): string {
  const secrets = new Set(secretParameters.map((name) => name.toLowerCase()));
  const masked = maskPassword(url);
  const queryAt = masked.indexOf('?');
  if (queryAt === -1) return masked;

  const [query = '', ...fragment] = masked.slice(queryAt + 1).split('#');
  const kept = query
    .split('&')
    .filter((pair) => pair !== '' && !secrets.has(safeDecode(pair.split('=')[0] ?? '').toLowerCase()));
  const base = masked.slice(0, queryAt) + (kept.length > 0 ? `?${kept.join('&')}` : '');
  return fragment.length > 0 ? `${base}#${fragment.join('#')}` : base;
}

/**
 * `postgres://user:secret@host/db` -> `postgres://user:***@host/db`. The
 * match runs to the last `@`, so a password someone forgot to percent-encode
 * (`pa/ss?w@rd`) is still hidden whole.
 */
function maskPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@?#]*):.*@/i, '$1:***@');
}
// #endregion redact-url

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Free text (an error page, a response excerpt) with the value of every
 * secret parameter written as `name=value` replaced by `***`, in case a
 * server echoes the request URL back.
 */
export function redactSecretsInText(text: string, secretParameters: readonly string[] = SECRET_QUERY_PARAMETERS): string {
  if (secretParameters.length === 0) return text;
  const names = secretParameters.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return text.replace(new RegExp(`\\b(${names})=[^&\\s"'<>]*`, 'gi'), '$1=***');
}
