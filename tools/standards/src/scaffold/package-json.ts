/**
 * The generated repository's package.json, written as an object rather than
 * a template, so it is always valid JSON. Versions are exact (the standard),
 * and the same as the monorepo's where both use a package; a test keeps them so.
 */
import { KIT_PACKAGE, type ScaffoldOptions } from './options.ts';

export const DEPENDENCIES: Readonly<Record<string, string>> = {
  zod: '4.6.7',
};

export const DEV_DEPENDENCIES: Readonly<Record<string, string>> = {
  '@eslint/js': '9.39.5',
  // Node.js 24's own types: the repository runs on Node.js 24.
  '@types/node': '24.19.2',
  esbuild: '0.28.2',
  eslint: '9.39.5',
  globals: '17.14.0',
  tsx: '4.23.15',
  typescript: '5.9.3',
  'typescript-eslint': '8.73.0',
  vitest: '4.1.12',
};

/** `vendor/<file>` for a vendored kit, else the registry version. */
export function kitDependency(options: ScaffoldOptions): string {
  return options.kit.kind === 'vendored' ? `file:vendor/${options.kit.fileName}` : options.kit.version;
}

export function packageJson(options: ScaffoldOptions): string {
  const runsOn = options.runtime === 'lambda' ? 'AWS Lambda' : 'Airflow on EC2';
  const manifest = {
    name: options.name,
    version: '0.1.0',
    private: true,
    description: `A data pipeline of the RBK and LBS data team: bank holidays to the data lake, run by ${runsOn}.`,
    type: 'module',
    engines: { node: '>=24' },
    scripts: {
      start: 'tsx src/cli.ts',
      build: 'tsx scripts/build.ts',
      lint: 'eslint --max-warnings 0 .',
      typecheck: 'tsc --noEmit -p tsconfig.json',
      test: 'npm run typecheck && vitest run',
    },
    dependencies: sortKeys({ ...DEPENDENCIES, [KIT_PACKAGE]: kitDependency(options) }),
    devDependencies: DEV_DEPENDENCIES,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
