/**
 * The flagship example, checked as if it were a repository of its own. It is
 * a folder of this monorepo, so the files a repository keeps at its root
 * (.gitignore, CODEOWNERS, the pull-request template) live at the monorepo's
 * root instead, and its README names no owner. Those four rules fail here
 * for that reason; everything it holds itself must pass.
 */
import { describe, expect, it } from 'vitest';
import { checkFolder } from '../src/check.ts';
import { FLAGSHIP } from './paths.ts';

const results = checkFolder(FLAGSHIP);
const statusOf = (id: string): string | undefined => results.find((result) => result.rule.id === id)?.status;

/** Why each rule is known to fail on the flagship; a rule that starts or stops failing fails this test. */
const KNOWN_FAILURES: Record<string, RegExp> = {
  'DES-001': /README\.md has no section on who owns it/,
  'DES-002': /no \.gitignore at the root/,
  'DES-003': /no CODEOWNERS file/,
  'DES-004': /no pull-request template/,
};

describe('the flagship example, examples/lginform', () => {
  it('fails only the rules about files a monorepo keeps at its root, and the README owner', () => {
    const failing = results.filter((result) => result.status === 'fail');
    expect(failing.map((result) => result.rule.id)).toEqual(Object.keys(KNOWN_FAILURES));
    for (const { rule, findings } of failing) {
      expect(findings, rule.id).toHaveLength(1);
      expect(findings[0]?.message, rule.id).toMatch(KNOWN_FAILURES[rule.id] ?? /^$/);
    }
  });

  it.each(['DES-005', 'DES-006', 'DES-007', 'DES-008', 'DES-009', 'DES-010', 'DES-011', 'DES-012'])(
    '%s passes: workflows, security groups, IAM, scripts, the Dockerfile and tests',
    (id) => {
      expect(statusOf(id)).toBe('pass');
    },
  );
});
