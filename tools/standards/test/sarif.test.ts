/** The SARIF report has the structure GitHub code scanning needs. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFolder } from '../src/check.ts';
import { RULES } from '../src/rules.ts';
import { SARIF_SCHEMA, toSarif } from '../src/sarif.ts';
import { pageUrl, SITE_URL } from '../src/site.ts';
import { FIXTURES } from './paths.ts';

type SarifLog = {
  version: string;
  $schema: string;
  runs: {
    tool: { driver: { name: string; informationUri: string; rules: { id: string; shortDescription: { text: string }; helpUri: string }[] } };
    results: {
      ruleId: string;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[];
    }[];
  }[];
};

const results = checkFolder(path.join(FIXTURES, 'violations'));
// Through JSON, as a consumer reads it.
const log = JSON.parse(JSON.stringify(toSarif(results))) as SarifLog;
const run = log.runs[0];

describe('SARIF output', () => {
  it('is a SARIF 2.1.0 log with one run by de-standards', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.runs).toHaveLength(1);
    expect(run?.tool.driver.name).toBe('de-standards');
    expect(run?.tool.driver.informationUri).toBe(SITE_URL);
  });

  it('describes every rule, with its title and the site page as help', () => {
    expect(run?.tool.driver.rules.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.id));
    for (const [index, rule] of (run?.tool.driver.rules ?? []).entries()) {
      expect(rule.shortDescription.text).toBe(RULES[index]?.title);
      expect(rule.helpUri).toBe(pageUrl(RULES[index]?.page ?? ''));
    }
  });

  it('has one result per finding, each for a described rule, with its file and, where known, its line', () => {
    const findings = results.flatMap((result) => result.findings.map((finding) => ({ id: result.rule.id, ...finding })));
    const ruleIds = new Set(run?.tool.driver.rules.map((rule) => rule.id));
    expect(run?.results).toHaveLength(findings.length);
    run?.results.forEach((result, index) => {
      const finding = findings[index];
      expect(ruleIds.has(result.ruleId)).toBe(true);
      expect(result.ruleId).toBe(finding?.id);
      expect(['error', 'warning']).toContain(result.level);
      expect(result.message.text).toContain(finding?.message);
      const location = result.locations[0]?.physicalLocation;
      expect(location?.artifactLocation.uri).toBe(finding?.file);
      expect(location?.region?.startLine).toBe(finding?.line);
    });
    expect(run?.results.some((result) => result.locations[0]?.physicalLocation.region === undefined)).toBe(true);
  });

  it('has no results when every rule passes', () => {
    const cleanLog = JSON.parse(JSON.stringify(toSarif(checkFolder(path.join(FIXTURES, 'clean'))))) as SarifLog;
    expect(cleanLog.runs[0]?.results).toEqual([]);
  });
});
