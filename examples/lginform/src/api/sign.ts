/**
 * Signing LG Inform Plus requests (ESD's "PPK" security).
 *
 * ESD's own sign_url (PHP) takes the full URL, appends the application key,
 * URL-decodes the whole string, and signs that with HMAC-SHA1 keyed by the
 * private key. The signature goes last. Parameters keep the order they are
 * sent in: nothing is sorted. A signature is valid for that exact call only.
 */
import { createHmac } from 'node:crypto';

export type Credentials = {
  applicationKey: string;
  /** The secret issued with the key. Never logged or recorded. */
  privateKey: string;
};

// #region sign-request
/**
 * The URL with `ApplicationKey` and `Signature` appended, ready to GET.
 * `url` is the full URL (scheme and host included: they are signed too),
 * with its query parameters in the order they will be sent.
 */
export function signRequest(url: string, credentials: Credentials): string {
  const joiner = !url.includes('?') ? '?' : /[?&]$/.test(url) ? '' : '&';
  const withKey = `${url}${joiner}ApplicationKey=${encodeURIComponent(credentials.applicationKey)}`;
  const signature = computeSignature(withKey, credentials.privateKey);
  return `${withKey}&Signature=${encodeURIComponent(signature)}`;
}

/** Base64 of HMAC-SHA1 over the URL-decoded string, keyed by the UTF-8 secret. */
export function computeSignature(stringToSign: string, privateKey: string): string {
  return createHmac('sha1', Buffer.from(privateKey, 'utf8')).update(phpUrlDecode(stringToSign)).digest('base64');
}
// #endregion sign-request

// #region php-urldecode
/**
 * PHP's urldecode, to bytes: `+` becomes a space, `%XX` becomes that byte,
 * and anything else (a lone `%` included) is kept as it is. Working in bytes
 * matters: `%E9` alone is not valid UTF-8, yet PHP signs it as one byte.
 */
export function phpUrlDecode(text: string): Buffer {
  const input = Buffer.from(text, 'utf8');
  const output = Buffer.alloc(input.length);
  let length = 0;
  for (let i = 0; i < input.length; i += 1) {
    const byte = input[i]!;
    const hex = byte === 0x25 ? input.subarray(i + 1, i + 3).toString('latin1') : '';
    if (byte === 0x2b) {
      output[length++] = 0x20;
    } else if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      output[length++] = parseInt(hex, 16);
      i += 2;
    } else {
      output[length++] = byte;
    }
  }
  return output.subarray(0, length);
}
// #endregion php-urldecode
