import { describe, expect, it } from 'vitest';
import { looksTruncated, validateDataResponse, type QuarantineReason } from '../src/api/schemas.ts';
import { fixtureText, rawResponse } from './helpers.ts';

const good = fixtureText('data-rows-by-area.json');

function reasonFor(...args: Parameters<typeof rawResponse>): QuarantineReason {
  const result = validateDataResponse(rawResponse(...args));
  if (result.ok) throw new Error('expected the response to be rejected');
  return result.reason;
}

describe('validateDataResponse', () => {
  it('accepts a well-formed /data response in either layout, extra fields included', () => {
    const result = validateDataResponse(rawResponse(good));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.data.rows).toHaveLength(3);
    expect(validateDataResponse(rawResponse(fixtureText('data-rows-by-metric-and-period.json'))).ok).toBe(true);
    expect(validateDataResponse(rawResponse(good, { contentType: 'application/json' })).ok).toBe(true);
  });

  it('rejects an error status', () => {
    expect(reasonFor(good, { status: 502 })).toMatchObject({ code: 'http-status', status: 502 });
  });

  it('rejects an empty body', () => {
    expect(reasonFor('')).toMatchObject({ code: 'empty-body', bytes: 0 });
  });

  it('rejects an HTML error page served with status 200, naming its title', () => {
    const page = '<!DOCTYPE html><html><head><title>Service temporarily unavailable</title></head><body></body></html>';
    expect(reasonFor(page, { contentType: 'text/html' })).toMatchObject({ code: 'html-error-page', details: ['HTML title: Service temporarily unavailable'] });
    // Even when it claims to be JSON.
    expect(reasonFor(page).code).toBe('html-error-page');
  });

  it('rejects JSON under the wrong content type', () => {
    expect(reasonFor(good, { contentType: 'text/plain' })).toMatchObject({ code: 'wrong-content-type', contentType: 'text/plain' });
    expect(reasonFor(good, { contentType: undefined })).toMatchObject({ code: 'wrong-content-type', contentType: null });
  });

  it('calls a body cut off part-way truncated, and says to extract it again', () => {
    const reason = reasonFor(good.slice(0, Math.floor(good.length / 2)));
    expect(reason.code).toBe('truncated-json');
    expect(reason.message).toMatch(/cut off.*Extract this request again/);
    expect(reason.details[0]).toBeTruthy();
  });

  it('calls other unreadable bodies not JSON', () => {
    expect(reasonFor('{"rows": [1, 2,, 3]}').code).toBe('not-json');
    expect(reasonFor(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])).code).toBe('not-json');
  });

  it('catches a renamed field, with where it is', () => {
    const reason = reasonFor(good.replaceAll('"values":', '"vals":'));
    expect(reason.code).toBe('schema-mismatch');
    expect(reason.details).toContain('rows[0].values: Invalid input: expected array, received undefined');
  });

  it('catches a renamed value field, which must not read as "no data"', () => {
    const reason = reasonFor(good.replaceAll('"value":', '"amount":'));
    expect(reason.code).toBe('schema-mismatch');
    expect(reason.details[0]).toMatch(/^rows\[0\]\.values\[0\]\.value: /);
  });

  it('catches a renamed dimension and a header without an identifier', () => {
    expect(reasonFor(good.replaceAll('"metricType": {', '"metric": {')).details).toContain('columns[0].metricType: column has no "metricType" header');
    expect(reasonFor(good.replace('"identifier": "E09000021"', '"id": "E09000021"')).details[0]).toMatch(/^rows\[0\]\.area\.identifier: /);
  });

  it('catches a layout that leaves a dimension out', () => {
    const data = JSON.parse(good) as { metadata: { columnGrouping: string[] } };
    data.metadata.columnGrouping = ['metricType'];
    expect(reasonFor(JSON.stringify(data)).details).toEqual(['metadata: neither rowGrouping nor columnGrouping includes "period"']);
  });

  it('catches values that do not line up with the columns', () => {
    const data = JSON.parse(good) as { rows: Array<{ values: unknown[] }> };
    data.rows[1]!.values.pop();
    expect(reasonFor(JSON.stringify(data)).details).toEqual(['rows[1].values: 3 values for 4 columns']);
  });

  it('records what was asked and what came back, fit for a reason file', () => {
    const reason = reasonFor('<html/>', { contentType: 'text/html' });
    expect(reason).toEqual({
      code: 'html-error-page',
      message: expect.stringContaining('HTML page') as string,
      details: [],
      path: '/data?metricType=3281&area=E09000021&period=latest:2',
      status: 200,
      contentType: 'text/html',
      bytes: 7,
    });
    expect(JSON.parse(JSON.stringify(reason))).toEqual(reason);
  });
});

describe('looksTruncated', () => {
  it('is true while a bracket or string is open at the end', () => {
    expect(looksTruncated('{"a": [1, 2')).toBe(true);
    expect(looksTruncated('{"a": "b')).toBe(true);
    expect(looksTruncated('{"a": "b\\"}')).toBe(true);
  });

  it('is false for a closed document, even an invalid one', () => {
    expect(looksTruncated('{"a": [1, 2]}')).toBe(false);
    expect(looksTruncated('{"a": "}"}')).toBe(false);
    expect(looksTruncated('nonsense')).toBe(false);
  });
});
