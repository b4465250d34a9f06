import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pullRequestTemplate } from '../src/pull-request-template.ts';
import { isChecked, RULES } from '../src/rules.ts';
import { REPO_ROOT } from './paths.ts';

describe('the pull-request template', () => {
  const template = pullRequestTemplate();

  it('lists every rule only a reviewer can judge, and no rule a machine checks', () => {
    for (const rule of RULES) {
      expect(template.includes(`(${rule.id},`), rule.id).toBe(!isChecked(rule));
    }
  });

  it('is the template this repository uses (regenerate it with npm run standards:pr-template)', () => {
    const committed = readFileSync(path.join(REPO_ROOT, '.github/pull_request_template.md'), 'utf8');
    expect(committed).toBe(template);
  });
});
