/**
 * The choices a new pipeline repository is made from, their defaults and
 * their checks. The defaults follow the site: Airflow on EC2 is the team's
 * orchestrator and dbt comes with it; Lambda is for one small step, where
 * dbt does not fit (ADR 0004).
 */

export const RUNTIMES = ['ec2-airflow', 'lambda'] as const;
export type Runtime = (typeof RUNTIMES)[number];

/** Where the generated repository gets `@rbk-lbs/kit`: the team's registry, or a tarball kept in `vendor/`. */
export type KitSource = { kind: 'registry'; version: string } | { kind: 'vendored'; fileName: string; contents: Uint8Array };

export type ScaffoldOptions = {
  /** kebab-case: the package, the lake prefix, the AWS resources. */
  name: string;
  /** A GitHub team (@org/team) or user (@user), for CODEOWNERS. */
  owner: string;
  runtime: Runtime;
  dbt: boolean;
  kit: KitSource;
};

export const KIT_PACKAGE = '@rbk-lbs/kit';
/** The kit version a registry dependency asks for (the version in examples/kit/package.json; a test keeps them the same). */
export const KIT_VERSION = '0.1.0';
export const DEFAULT_OWNER = '@rbk-lbs-data/data-engineering';
export const DEFAULT_RUNTIME: Runtime = 'ec2-airflow';

export function defaultDbt(runtime: Runtime): boolean {
  return runtime === 'ec2-airflow';
}

/** The options behind `scaffold-tree.txt`, the tree the site shows. */
export const DEFAULT_TREE_OPTIONS: ScaffoldOptions = {
  name: 'pipeline-example',
  owner: DEFAULT_OWNER,
  runtime: DEFAULT_RUNTIME,
  dbt: defaultDbt(DEFAULT_RUNTIME),
  kit: { kind: 'registry', version: KIT_VERSION },
};

const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** AWS names are built from it (`<name>-prod-lake-<account id>` is at most 63 characters). */
export const MAX_NAME_LENGTH = 40;

/** Why a name cannot be a pipeline's name, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (!KEBAB_CASE.test(name)) {
    return `"${name}" is not kebab-case: use lower-case letters, digits and single hyphens, starting with a letter (e.g. pipeline-council-tax).`;
  }
  if (name.length > MAX_NAME_LENGTH) return `"${name}" is longer than ${MAX_NAME_LENGTH} characters; AWS resource names are built from it.`;
  return undefined;
}

const OWNER = /^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)?$/;

/** Why a value cannot be a CODEOWNERS owner, or undefined when it can. */
export function ownerProblem(owner: string): string | undefined {
  return OWNER.test(owner) ? undefined : `"${owner}" is not a GitHub team or user: write @org/team (e.g. ${DEFAULT_OWNER}) or @user.`;
}

export function isRuntime(value: string): value is Runtime {
  return (RUNTIMES as readonly string[]).includes(value);
}

export class ScaffoldOptionError extends Error {
  override name = 'ScaffoldOptionError';
}

/** Throws ScaffoldOptionError when a choice is not valid. */
export function assertValidOptions(options: ScaffoldOptions): void {
  const problem = nameProblem(options.name) ?? ownerProblem(options.owner) ?? (isRuntime(options.runtime) ? undefined : `unknown runtime "${options.runtime as string}".`);
  if (problem) throw new ScaffoldOptionError(problem);
}
