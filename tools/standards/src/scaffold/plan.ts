/**
 * planScaffold: every file of a new pipeline repository, as paths and
 * contents, without writing anything. The writer, the tests and the site's
 * tree all start from it.
 */
import { pullRequestTemplate } from '../pull-request-template.ts';
import { assertValidOptions, type ScaffoldOptions } from './options.ts';
import { packageJson } from './package-json.ts';
import { render, substitute } from './render.ts';
import { outputPath, readLayer } from './templates.ts';

export type PlannedFile = { path: string; contents: string | Uint8Array; mode?: number };

/** Each Terraform environment gets its own copy of `environments/__ENVIRONMENT__/`. */
export const ENVIRONMENTS = ['dev', 'prod'] as const;

/** The layers a repository is made from, in order. */
export function layersFor(options: ScaffoldOptions): string[] {
  return ['base', options.runtime, ...(options.dbt ? ['dbt'] : [])];
}

/** The flags `@@if` lines test. */
export function flagsFor(options: ScaffoldOptions): Set<string> {
  return new Set([options.runtime, ...(options.dbt ? ['dbt'] : []), options.kit.kind === 'vendored' ? 'kit-vendored' : 'kit-registry']);
}

/** The platform team, which also reviews infrastructure and workflows (as in this repository's CODEOWNERS). */
export const PLATFORM_TEAM = '@rbk-lbs-data/data-platform';

export function valuesFor(options: ScaffoldOptions): Record<string, string> {
  const snake = options.name.replaceAll('-', '_');
  return {
    PIPELINE_NAME: options.name,
    PIPELINE_SNAKE: snake,
    OWNER: options.owner,
    OWNER_AND_PLATFORM: options.owner === PLATFORM_TEAM ? options.owner : `${options.owner} ${PLATFORM_TEAM}`,
  };
}

export function planScaffold(options: ScaffoldOptions): PlannedFile[] {
  assertValidOptions(options);
  const flags = flagsFor(options);
  const values = valuesFor(options);
  const files = new Map<string, PlannedFile>();
  const add = (file: PlannedFile, from: string): void => {
    if (files.has(file.path)) throw new Error(`Two templates write ${file.path} (the second from ${from}).`);
    files.set(file.path, file);
  };

  for (const layer of layersFor(options)) {
    for (const template of readLayer(layer)) {
      const label = `templates/${layer}/${template.source}`;
      const environments = template.source.includes('__ENVIRONMENT__') ? ENVIRONMENTS : [undefined];
      for (const environment of environments) {
        const fileValues = environment === undefined ? values : { ...values, ENVIRONMENT: environment };
        const contents = render(template.text, fileValues, flags, label);
        add({ path: substitute(outputPath(template.source), fileValues, label), contents, ...(template.executable ? { mode: 0o755 } : {}) }, label);
      }
    }
  }

  add({ path: 'package.json', contents: packageJson(options) }, 'package-json.ts');
  add({ path: '.github/pull_request_template.md', contents: pullRequestTemplate() }, 'pull-request-template.ts');
  if (options.kit.kind === 'vendored') add({ path: `vendor/${options.kit.fileName}`, contents: options.kit.contents }, 'the kit');

  return [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Template files that tools parse as they stand, and so must vary by whole file, not by `@@if` lines. */
export function mustNotHaveMarkers(source: string): boolean {
  return /\.(ts|js|json|tf)$/.test(source) || /(^|\/)workflows\/[^/]+\.ya?ml$/.test(source);
}

