/** The rule list itself: stable ids, one kind each, and every rule's page exists on the site. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isChecked, RULES } from '../src/rules.ts';
import { SITE_URL } from '../src/site.ts';
import { pageFile, REPO_ROOT } from './paths.ts';

describe('the rule list', () => {
  it('gives every rule a unique id of the form DES-NNN, in order', () => {
    const ids = RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^DES-\d{3}$/);
    expect([...ids].sort()).toEqual(ids);
  });

  it('makes each rule either checked by a function or left to a reviewer, never both', () => {
    for (const rule of RULES) {
      const reviewerOnly = 'reviewerOnly' in rule && rule.reviewerOnly;
      expect(isChecked(rule) !== reviewerOnly, rule.id).toBe(true);
    }
    expect(RULES.filter((rule) => !isChecked(rule)).length).toBeGreaterThanOrEqual(3);
  });

  it('gives every rule a title, a one-sentence why and a level', () => {
    for (const rule of RULES) {
      expect(['MUST', 'SHOULD']).toContain(rule.level);
      expect(rule.title.length, rule.id).toBeGreaterThan(10);
      expect(rule.why, rule.id).toMatch(/^[A-Z][^.]*\.$/);
    }
  });

  it.each(RULES.map((rule) => [rule.id, rule.page] as const))('%s names a page that exists under docs/ (%s)', (_id, page) => {
    expect(page).toMatch(/^\/[a-z0-9-]+(\/[a-z0-9-]+)*$/);
    expect(pageFile(page), `no file under docs/ for ${page}`).toBeDefined();
  });

  it('maps site paths to files the way the site does, and rejects a page that does not exist', () => {
    expect(pageFile('/infrastructure/ec2')).toBe(path.join(REPO_ROOT, 'docs/06-infrastructure/ec2.md'));
    expect(pageFile('/delivery/version-control')).toBe(path.join(REPO_ROOT, 'docs/13-delivery/version-control.md'));
    expect(pageFile('/infrastructure')).toBe(path.join(REPO_ROOT, 'docs/06-infrastructure/index.md'));
    expect(pageFile('/infrastructure/kubernetes')).toBeUndefined();
    expect(pageFile('/no-such-chapter/ec2')).toBeUndefined();
  });

  it("links to the same site address as the site's own configuration", () => {
    const config = readFileSync(path.join(REPO_ROOT, 'src/config/site-config.ts'), 'utf8');
    const siteUrl = /url: process\.env\.SITE_URL \?\? '([^']+)'/.exec(config)?.[1];
    const baseUrl = /baseUrl: process\.env\.SITE_BASE_URL \?\? '([^']+)'/.exec(config)?.[1];
    expect(`${siteUrl ?? ''}${(baseUrl ?? '').replace(/\/$/, '')}`).toBe(SITE_URL);
  });
});
