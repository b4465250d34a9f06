/**
 * Installs the tools the tests use, from the project's own pinned files,
 * before any test starts: the S3 emulators (LocalStack, moto), dbt and
 * Airflow, checkov, hadolint, shellcheck and actionlint. Each installs once
 * into a project-local folder and is skipped when already current, so a
 * fresh machine needs no manual step and later runs cost a second or two.
 */
import { ensureNodeRuntime } from '@rbk-lbs/kit/services/node-runtime';
import { installS3Emulator } from '@rbk-lbs/kit/services/s3-emulators';
import { ensureToolsVenv } from '../examples/lginform/src/python-tools.ts';
import { ensureActionlint, ensureCheckov, ensureHadolint, ensureShellcheck } from '../examples/lginform/test/lint-tools.ts';

const tools: [string, () => Promise<unknown>][] = [
  ['LocalStack (S3 emulator)', () => installS3Emulator('localstack')],
  ['moto (S3 emulator)', () => installS3Emulator('moto')],
  ['dbt, Airflow and pytest', () => ensureToolsVenv({ progress: (line) => console.log(`  ${line}`) })],
  ['checkov', () => ensureCheckov()],
  ['hadolint', () => ensureHadolint()],
  ['shellcheck', () => ensureShellcheck()],
  ['actionlint', () => ensureActionlint()],
  ['Node.js 24 (the deployed runtime)', () => ensureNodeRuntime()],
];

for (const [name, install] of tools) {
  const started = Date.now();
  const result = await install();
  const note = result && typeof result === 'object' && 'missing' in result ? ` (not installed: ${String(result.missing)})` : '';
  console.log(`  ${name}: ready in ${((Date.now() - started) / 1000).toFixed(1)} s${note}`);
}
