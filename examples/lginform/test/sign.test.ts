/**
 * Worked examples for signing. The expected values were computed outside
 * this code base, with Python's hmac and urllib.parse, by:
 *
 *   python3 examples/lginform/test/fixtures/make-sign-vectors.py > examples/lginform/test/fixtures/sign-vectors.json
 *
 * and the first one also with OpenSSL:
 *
 *   printf '%s' 'https://webservices.esd.org.uk/comparisonGroups?ApplicationKey=TestKey' \
 *     | openssl dgst -sha1 -hmac test-secret -binary | base64      # 9v7LcRn61aXw2rtEhYLF13Wv3aM=
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeSignature, phpUrlDecode, signRequest } from '../src/api/sign.ts';

type Vector = {
  description: string;
  url: string;
  applicationKey: string;
  privateKey: string;
  stringToSign: string;
  signature: string;
  signedUrl: string;
};

const vectors = JSON.parse(readFileSync(new URL('./fixtures/sign-vectors.json', import.meta.url), 'utf8')) as Vector[];
const byDescription = (start: string) => vectors.find((vector) => vector.description.startsWith(start))!;

describe('signRequest against independently computed vectors', () => {
  it.each(vectors.map((vector) => [vector.description, vector] as const))('%s', (_description, vector) => {
    const credentials = { applicationKey: vector.applicationKey, privateKey: vector.privateKey };
    expect(signRequest(vector.url, credentials)).toBe(vector.signedUrl);
    expect(computeSignature(vector.stringToSign, vector.privateKey)).toBe(vector.signature);
  });

  it('agrees with OpenSSL on the first vector', () => {
    expect(byDescription('no query string').signature).toBe('9v7LcRn61aXw2rtEhYLF13Wv3aM=');
  });
});

describe('signRequest properties', () => {
  const credentials = { applicationKey: 'TestKey', privateKey: 'test-secret' };

  it('keeps the URL as sent, then ApplicationKey, then Signature last', () => {
    const url = 'https://webservices.esd.org.uk/data?period=latest:3&metricType=176&area=E09000029';
    const signed = signRequest(url, credentials);
    expect(signed.startsWith(`${url}&ApplicationKey=TestKey&Signature=`)).toBe(true);
    expect(signed.split('&').at(-1)).toMatch(/^Signature=[A-Za-z0-9%]+$/);
  });

  it('signs the order parameters are sent in (no sorting)', () => {
    const inOrder = byDescription('the /data request the pipeline makes');
    const reordered = byDescription('parameter order is signed as sent');
    expect(inOrder.signature).not.toBe(reordered.signature);
  });

  it('treats + as a space and %2B as a plus, as PHP urldecode does', () => {
    expect(byDescription('a plus in the query').signature).toBe(byDescription('%20 signs the same').signature);
    expect(byDescription('an encoded plus').signature).not.toBe(byDescription('a plus in the query').signature);
    expect(phpUrlDecode('a+b%2Bc').toString('latin1')).toBe('a b+c');
  });

  it('signs the same whether separators are encoded or not', () => {
    expect(byDescription('the /data request the pipeline makes').signature).toBe(byDescription('the same request with separators').signature);
  });

  it('puts the host in the signed string', () => {
    expect(byDescription('no query string').signature).not.toBe(byDescription('the host is part').signature);
  });

  it('percent-encodes the signature so + / = survive the query string', () => {
    for (const vector of vectors) {
      const sent = vector.signedUrl.split('&Signature=')[1]!;
      expect(sent).not.toMatch(/[+/=]/);
      expect(decodeURIComponent(sent)).toBe(vector.signature);
    }
  });

  it('joins with nothing when the URL already ends in ? or &', () => {
    expect(signRequest('http://h/areas?', credentials)).toMatch(/^http:\/\/h\/areas\?ApplicationKey=TestKey&Signature=/);
    expect(signRequest('http://h/areas?a=1&', credentials)).toMatch(/^http:\/\/h\/areas\?a=1&ApplicationKey=TestKey&Signature=/);
  });
});

describe('phpUrlDecode', () => {
  it('decodes %XX to single bytes, even when they are not UTF-8 on their own', () => {
    expect([...phpUrlDecode('caf%E9')]).toEqual([0x63, 0x61, 0x66, 0xe9]);
    expect(phpUrlDecode('%C3%A9').toString('utf8')).toBe('é');
  });

  it('keeps a % that does not start an escape', () => {
    expect(phpUrlDecode('100%').toString('latin1')).toBe('100%');
    expect(phpUrlDecode('%zz%4').toString('latin1')).toBe('%zz%4');
  });

  it('passes non-ASCII text through as UTF-8', () => {
    expect(phpUrlDecode('£5').toString('utf8')).toBe('£5');
  });
});
