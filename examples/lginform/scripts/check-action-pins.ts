/**
 * The GitHub Actions this repository pins, from deploy/action-pins.json, and
 * whether every workflow file uses exactly those pins. No network is needed:
 *
 *   npx tsx examples/lginform/scripts/check-action-pins.ts          # list and check
 *   npx tsx examples/lginform/scripts/check-action-pins.ts --write  # move every uses: to the list's pins
 *
 * To move an action to a new release, look up the tag's commit in the
 * action's repository (`git rev-parse vX.Y.Z^{commit}`, and `using:` in its
 * action.yml), edit its entry in action-pins.json, then run with --write.
 * A Dependabot pull request moves the workflows instead: copy its SHA and
 * version into action-pins.json in the same pull request.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { actionPinProblems, actionPinsProblems, findWorkflowFiles, readActionPins, repinnedText, usesLines } from '../test/workflow-rules.ts';

const EXAMPLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPO_ROOT = path.resolve(EXAMPLE_DIR, '../..');
export const ACTION_PINS = path.join(EXAMPLE_DIR, 'deploy', 'action-pins.json');

async function main(argv: string[]): Promise<number> {
  const write = argv.includes('--write');
  const unknown = argv.filter((arg) => arg !== '--write');
  if (unknown.length > 0) {
    process.stderr.write(`Unknown argument ${unknown.join(' ')}. Usage: tsx examples/lginform/scripts/check-action-pins.ts [--write]\n`);
    return 2;
  }
  const pins = await readActionPins(ACTION_PINS);
  const out: string[] = [`Pinned actions (${path.relative(REPO_ROOT, ACTION_PINS)}):`];
  const width = Math.max(...Object.keys(pins).map((action) => action.length));
  for (const [action, pin] of Object.entries(pins)) out.push(`  ${action.padEnd(width)}  ${pin.version.padEnd(7)}  ${pin.released}  ${pin.runs}  ${pin.sha}`);

  const problems = actionPinsProblems(pins).map((problem) => `action-pins.json: ${problem}`);
  out.push('', 'Workflow files:');
  for (const file of await findWorkflowFiles(REPO_ROOT)) {
    const relative = path.relative(REPO_ROOT, file);
    let text = await readFile(file, 'utf8');
    if (write) {
      const repinned = repinnedText(text, pins);
      if (repinned !== text) {
        await writeFile(file, repinned);
        out.push(`  ${relative}: rewritten to the pins`);
        text = repinned;
      }
    }
    const fileProblems = actionPinProblems(text, pins);
    out.push(`  ${relative}: ${usesLines(text).length} uses, ${fileProblems.length === 0 ? 'all pinned as listed' : `${fileProblems.length} to fix`}`);
    problems.push(...fileProblems.map((problem) => `${relative}: ${problem}`));
  }
  process.stdout.write(`${out.join('\n')}\n`);
  if (problems.length > 0) {
    process.stderr.write(`\n${problems.join('\n')}\n`);
    return 1;
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`check-action-pins failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
