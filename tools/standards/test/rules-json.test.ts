/** The rules as JSON, and the JSON Schema the site publishes beside them. */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { isChecked, RULES, type Rule } from '../src/rules.ts';
import { readRulesSchema, RULES_SCHEMA_PATH, rulesAsJson, type RulesJson } from '../src/rules-json.ts';
import { SITE_URL } from '../src/site.ts';

const schema = readRulesSchema();
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);

/** Validation errors as "path message" lines, so a failure says what is wrong and where. */
function errorsOf(document: unknown): string[] {
  return validate(document) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`.trim());
}

/** A copy of the published document, changed by `change`, to show the schema refuses it. */
function changed(change: (document: RulesJson & Record<string, unknown>) => void): unknown {
  const document = structuredClone(rulesAsJson()) as RulesJson & Record<string, unknown>;
  change(document);
  return document;
}

describe('the rules as JSON', () => {
  const document = rulesAsJson();

  it('is valid against the published JSON Schema', () => {
    expect(errorsOf(document)).toEqual([]);
  });

  it('holds every rule, in order, with who checks it, and nothing JSON cannot carry', () => {
    expect(document.rules.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.id));
    for (const [index, rule] of RULES.entries()) {
      const published = document.rules[index]!;
      expect(published).toEqual({
        id: rule.id,
        level: rule.level,
        title: rule.title,
        why: rule.why,
        page: rule.page,
        url: `${SITE_URL}${rule.page}`,
        checkedBy: isChecked(rule) ? 'machine' : 'reviewer',
      });
    }
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
    expect(document.site).toBe(SITE_URL);
  });

  it('works for any list of rules, not only the current one', () => {
    const rules: Rule[] = [
      { id: 'DES-900', level: 'SHOULD', title: 'A rule made up for the test', why: 'It proves the export reads the list it is given.', page: '/a/b', reviewerOnly: true },
      { id: 'DES-901', level: 'MUST', title: 'Another made-up rule', why: 'Checked rules lose their function.', page: '/c', check: () => [] },
    ];
    const made = rulesAsJson(rules);
    expect(made.rules.map((rule) => [rule.id, rule.checkedBy])).toEqual([
      ['DES-900', 'reviewer'],
      ['DES-901', 'machine'],
    ]);
    expect(Object.keys(made.rules[1]!)).not.toContain('check');
    expect(errorsOf(made)).toEqual([]);
    expect(rulesAsJson([]).rules).toEqual([]);
  });
});

describe('the JSON Schema', () => {
  it('lives at its own address on the site', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(`${SITE_URL}${RULES_SCHEMA_PATH}`);
  });

  it('describes every property', () => {
    const undescribed: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (!node || typeof node !== 'object') return;
      const properties = (node as { properties?: Record<string, unknown> }).properties ?? {};
      for (const [name, property] of Object.entries(properties)) {
        if (typeof (property as { description?: unknown }).description !== 'string') undescribed.push(`${where}/${name}`);
        walk(property, `${where}/${name}`);
      }
      for (const [name, definition] of Object.entries((node as { $defs?: Record<string, unknown> }).$defs ?? {})) walk(definition, `${where}/$defs/${name}`);
    };
    walk(schema, '#');
    expect(undescribed).toEqual([]);
  });

  it('refuses a bad id, a missing field, an extra field, an unknown level and an unknown checker', () => {
    expect(errorsOf(changed((d) => (d.rules[0]!.id = 'DES-6')))).toEqual(['/rules/0/id must match pattern "^DES-\\d{3}$"']);
    expect(errorsOf(changed((d) => (d.rules[0]!.id = 'des-001')))).toHaveLength(1);
    expect(errorsOf(changed((d) => delete (d.rules[1] as Partial<RulesJson['rules'][number]>).why))).toEqual(["/rules/1 must have required property 'why'"]);
    expect(errorsOf(changed((d) => Object.assign(d.rules[2]!, { check: 'x' })))).toEqual(['/rules/2 must NOT have additional properties']);
    expect(errorsOf(changed((d) => Object.assign(d, { extra: true })))).toEqual(['/ must NOT have additional properties']);
    expect(errorsOf(changed((d) => Object.assign(d.rules[0]!, { level: 'MAY' })))).toEqual(['/rules/0/level must be equal to one of the allowed values']);
    expect(errorsOf(changed((d) => Object.assign(d.rules[0]!, { checkedBy: 'nobody' })))).toEqual(['/rules/0/checkedBy must be equal to one of the allowed values']);
    expect(errorsOf(changed((d) => Object.assign(d.rules[0]!, { url: 'not a url' })))).toEqual(['/rules/0/url must match format "uri"']);
    expect(errorsOf(changed((d) => delete (d as Partial<RulesJson>).rules))).toEqual(["/ must have required property 'rules'"]);
    expect(errorsOf(changed((d) => Object.assign(d, { version: 2 })))).toEqual(['/version must be equal to constant']);
  });
});
