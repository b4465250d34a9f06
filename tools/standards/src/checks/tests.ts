/**
 * A repository has tests, and says in a standard place how to run them, so
 * CI and a newcomer can both run them with one command.
 */
import { baseName, type Finding, type Repo } from '../repo.ts';

const TEST_FILE = /(\.(test|spec)\.[cm]?[jt]sx?$)|(^test_.*\.py$)|(_test\.(py|go)$)/;
/** npm's placeholder from `npm init`: a test script that only fails. */
const NPM_PLACEHOLDER = /no test specified/;

function npmTestScript(repo: Repo): { declared: boolean; line?: number } {
  const text = repo.read('package.json');
  if (text === undefined) return { declared: false };
  let test: unknown;
  try {
    test = (JSON.parse(text) as { scripts?: Record<string, unknown> }).scripts?.test;
  } catch {
    return { declared: false, line: 1 };
  }
  const scriptsLine = text.split(/\r?\n/).findIndex((line) => /"scripts"\s*:/.test(line));
  return { declared: typeof test === 'string' && !NPM_PLACEHOLDER.test(test), line: scriptsLine === -1 ? 1 : scriptsLine + 1 };
}

function hasPytestConfig(repo: Repo): boolean {
  if (repo.read('pytest.ini') !== undefined) return true;
  if (/^\[tool\.pytest\.ini_options\]/m.test(repo.read('pyproject.toml') ?? '')) return true;
  if (/^\[tool:pytest\]/m.test(repo.read('setup.cfg') ?? '')) return true;
  return /^\[pytest\]/m.test(repo.read('tox.ini') ?? '');
}

export function checkTests(repo: Repo): Finding[] {
  const findings: Finding[] = [];
  const npm = npmTestScript(repo);
  if (!npm.declared && !hasPytestConfig(repo)) {
    findings.push(
      repo.read('package.json') === undefined
        ? { file: 'package.json', message: 'The repository declares no test command: add a package.json test script or a pytest configuration.' }
        : { file: 'package.json', line: npm.line ?? 1, message: 'package.json has no test script, and there is no pytest configuration.' },
    );
  }
  if (!repo.files.some((file) => TEST_FILE.test(baseName(file)))) {
    findings.push({ file: '.', message: 'There are no test files (*.test.ts, *.spec.ts, test_*.py or *_test.py).' });
  }
  return findings;
}
