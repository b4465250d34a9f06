/**
 * The SARIF output validates against the official SARIF 2.1.0 schema: the
 * OASIS errata01 schema, vendored in schemas/ (see schemas/README.md), which
 * is written in JSON Schema draft-04. Checked for the violations fixture,
 * the clean fixture, and a run in which rules could not run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFolder, type RuleResult } from '../src/check.ts';
import { RULES } from '../src/rules.ts';
import { formatSarif, SARIF_SCHEMA } from '../src/sarif.ts';
import { pageUrl } from '../src/site.ts';
import { INSTALL_TIMEOUT_MS, NO_TOOLS, toolEnv } from './check-helpers.ts';
import { FIXTURES, PACKAGE_DIR } from './paths.ts';

const schema = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'test/schemas/sarif-schema-2.1.0.json'), 'utf8')) as { id: string; $schema: string };
// Strict, except that the official schema's anyOf lists require properties they do not define (strictRequired).
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** Validation errors as "path message" lines, so a failure says what is wrong and where. */
function errorsOf(log: unknown): string[] {
  return validate(log) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`.trim());
}

type Log = {
  runs: {
    tool: { driver: { rules: { id: string; helpUri: string; defaultConfiguration: { level: string } }[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { level: string; message: { text: string }; associatedRule: { id: string; index: number } }[] }[];
    results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
  }[];
};

const parse = (results: RuleResult[]): Log => JSON.parse(formatSarif(results)) as Log;

let violations: RuleResult[];
let clean: RuleResult[];
let cleanWithoutTools: RuleResult[];

beforeAll(async () => {
  const { env } = await toolEnv();
  violations = checkFolder(path.join(FIXTURES, 'violations'), { env });
  clean = checkFolder(path.join(FIXTURES, 'clean'), { env });
  cleanWithoutTools = checkFolder(path.join(FIXTURES, 'clean'), { env: NO_TOOLS });
}, INSTALL_TIMEOUT_MS);

describe('the vendored schema', () => {
  it('is the OASIS SARIF 2.1.0 schema that the output names', () => {
    expect(schema.id).toBe(SARIF_SCHEMA);
    expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
  });

  it('rejects a log that breaks it, so the validation is real', () => {
    expect(errorsOf({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'DES-001', level: 'fatal' }] }] })).toEqual(
      expect.arrayContaining(['/runs/0/results/0 must have required property \'message\'', '/runs/0/results/0/level must be equal to one of the allowed values']),
    );
  });
});

describe('the SARIF output', () => {
  it('validates for the violations fixture, with a result for every finding', () => {
    const log = parse(violations);
    expect(errorsOf(log)).toEqual([]);
    expect(log.runs[0]?.results).toHaveLength(violations.flatMap((result) => result.findings).length);
  });

  it('validates for the clean fixture, with no result', () => {
    const log = parse(clean);
    expect(errorsOf(log)).toEqual([]);
    expect(log.runs[0]?.results).toEqual([]);
    expect(log.runs[0]?.invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('validates when rules could not run, and names each in a tool execution notification', () => {
    const log = parse(cleanWithoutTools);
    expect(errorsOf(log)).toEqual([]);
    const notifications = log.runs[0]?.invocations[0]?.toolExecutionNotifications ?? [];
    expect(notifications.map((notification) => notification.associatedRule)).toEqual([
      { id: 'DES-020', index: RULES.findIndex((rule) => rule.id === 'DES-020') },
      { id: 'DES-021', index: RULES.findIndex((rule) => rule.id === 'DES-021') },
    ]);
    expect(notifications[0]?.level).toBe('warning');
    expect(notifications[0]?.message.text).toMatch(/^DES-020 could not run: The repository has Terraform, and checkov is not on the PATH.*To run it: install checkov/);
  });

  it("gives every rule its help page and its level: error for MUST, warning for SHOULD", () => {
    const rules = parse(violations).runs[0]?.tool.driver.rules ?? [];
    expect(rules.map((rule) => [rule.id, rule.helpUri, rule.defaultConfiguration.level])).toEqual(
      RULES.map((rule) => [rule.id, pageUrl(rule.page), rule.level === 'MUST' ? 'error' : 'warning']),
    );
  });

  it('names files outside the folder by their path from it, which is a valid URI reference', () => {
    const outside = RULES.filter((rule) => rule.id === 'DES-003');
    const results: RuleResult[] = [{ rule: outside[0]!, status: 'fail', findings: [{ file: '../../.github/CODEOWNERS', line: 1, message: 'No owner.' }] }];
    const log = parse(results);
    expect(errorsOf(log)).toEqual([]);
    expect(log.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('../../.github/CODEOWNERS');
  });
});
