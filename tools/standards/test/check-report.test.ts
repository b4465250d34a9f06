/**
 * The table and the JSON report say plainly when a checked rule could not
 * run: why, how to install what it needs, and that the result is incomplete.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFolder } from '../src/check.ts';
import { formatJson, formatTable } from '../src/report.ts';
import { NO_TOOLS } from './check-helpers.ts';
import { FIXTURES } from './paths.ts';

// No checkov or actionlint: the clean fixture has Terraform and a workflow, so DES-020 and DES-021 cannot run.
const results = checkFolder(path.join(FIXTURES, 'clean'), { env: NO_TOOLS });

describe('a report with rules that could not run', () => {
  it('counts them in the table, says the result is incomplete and shows why and how to install', () => {
    const table = formatTable(results, 'clean');
    expect(table).toContain('13 passed, 0 failed, 2 could not run, 6 for the reviewer to judge\n2 checked rules could not run (DES-020, DES-021), so this result is incomplete: see NOT RUN below.\n');
    expect(table).toMatch(/^NOT RUN DES-020 {2}MUST {3}checkov passes/m);
    expect(table).toContain('          Could not run: The repository has Terraform, and checkov is not on the PATH and CHECKOV is not set.\n');
    expect(table).toMatch(/^ {10}To run it: install checkov into a virtual environment .* set CHECKOV=\/path\/to\/checkov\.$/m);
    expect(table).toMatch(/^NOT RUN DES-021 .*\n {10}Could not run: The repository has workflows, and actionlint is not on the PATH/m);
  });

  it('marks the JSON report incomplete, gives each such rule its reason, and still passes on failures alone', () => {
    const report = JSON.parse(formatJson(results, 'clean')) as { passed: boolean; complete: boolean; results: { id: string; status: string; notRun?: { reason: string; install: string } }[] };
    expect(report).toMatchObject({ passed: true, complete: false });
    expect(report.results.filter((result) => result.status === 'not-run').map((result) => [result.id, Object.keys(result.notRun ?? {})])).toEqual([
      ['DES-020', ['reason', 'install']],
      ['DES-021', ['reason', 'install']],
    ]);
    expect(report.results.find((result) => result.id === 'DES-001')).not.toHaveProperty('notRun');
  });

  it('says nothing about rules that could not run when all ran', () => {
    const ran = results.filter((result) => result.status !== 'not-run');
    expect(formatTable(ran, 'clean')).toMatch(/^13 passed, 0 failed, 0 could not run, 6 for the reviewer to judge\n\n/m);
    expect(JSON.parse(formatJson(ran, 'clean'))).toMatchObject({ passed: true, complete: true });
  });
});
