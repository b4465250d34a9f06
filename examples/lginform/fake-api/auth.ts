/**
 * The fake API's check of ESD's PPK signature, so the client's signing is
 * tested end to end: a wrong key, secret, host, order or encoding fails the
 * way it would against the real API (HTTP 401).
 */
import { timingSafeEqual } from 'node:crypto';
import { computeSignature, type Credentials } from '../src/api/sign.ts';
import { PUBLISHED_URLS } from './catalogue.ts';

/** ESD's published example calls, replayable verbatim: the signed part (path and query up to ApplicationKey) -> signatures. */
const PUBLISHED = new Map<string, Set<string>>();
for (const url of PUBLISHED_URLS) {
  const { pathname, search } = new URL(url);
  const [signed = '', signature = ''] = `${pathname}${search}`.split('&Signature=');
  PUBLISHED.set(signed, (PUBLISHED.get(signed) ?? new Set()).add(decodeURIComponent(signature)));
}

export type AuthResult = { ok: true; applicationKey: string } | { ok: false; why: string };

// #region check-signature
/**
 * `rawUrl` is the request target exactly as sent (Node's `request.url`).
 * Signature must be the last parameter and ApplicationKey the one before;
 * the signed string is scheme, host, path and query up to the key.
 */
export function checkSignature(rawUrl: string, host: string, accepted: Credentials[], replayPublished: boolean): AuthResult {
  const signatureMatch = /[?&]Signature=([^&]*)$/.exec(rawUrl);
  if (!signatureMatch) return { ok: false, why: 'no Signature as the last parameter' };
  const signed = rawUrl.slice(0, signatureMatch.index);
  const keyMatch = /[?&]ApplicationKey=([^&]*)$/.exec(signed);
  if (!keyMatch) return { ok: false, why: 'no ApplicationKey just before Signature' };
  const applicationKey = safeDecode(keyMatch[1] ?? '');
  const signature = safeDecode(signatureMatch[1] ?? '');

  if (replayPublished && PUBLISHED.get(signed)?.has(signature)) return { ok: true, applicationKey };
  const credentials = accepted.find((candidate) => candidate.applicationKey === applicationKey);
  if (!credentials) return { ok: false, why: 'application key not recognised' };
  const expected = computeSignature(`http://${host}${signed}`, credentials.privateKey);
  return sameText(expected, signature) ? { ok: true, applicationKey } : { ok: false, why: 'signature mismatch' };
}
// #endregion check-signature

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
