/**
 * Configuration from environment variables, checked once at start-up.
 *
 * A pipeline that fails an hour in because a variable was misspelt wastes
 * the hour. `loadConfig` checks every variable against a zod schema before
 * any work starts and, if any is wrong, throws one ConfigError naming each
 * variable with what a good value looks like (from the schema's
 * `.describe()` text). Values are never repeated back: some are secrets.
 */
import { z } from 'zod';

export type ConfigProblem = {
  variable: string;
  problem: 'missing' | 'malformed';
  /** What zod found wrong, with the value itself masked. */
  detail: string;
  /** What a good value looks like, from the schema's description. */
  expected: string | undefined;
};

export class ConfigError extends Error {
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[]) {
    super(formatProblems(problems));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Environment = Record<string, string | undefined>;

// #region config-errors
/**
 * The typed configuration, or a ConfigError listing every problem at once.
 * An empty or blank variable counts as unset, so `FOO=` in a .env file falls
 * back to the default instead of failing as malformed.
 */
export function loadConfig<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  env: Environment = process.env,
): z.output<z.ZodObject<Shape>> {
  const values: Environment = {};
  for (const name of Object.keys(schema.shape)) {
    const value = env[name];
    values[name] = value === undefined || value.trim() === '' ? undefined : value;
  }
  const result = schema.safeParse(values);
  if (result.success) return result.data;

  const problems = result.error.issues.map((issue): ConfigProblem => {
    const variable = String(issue.path[0] ?? '(configuration)');
    const value = values[variable];
    return {
      variable,
      problem: value === undefined ? 'missing' : 'malformed',
      detail: value === undefined ? 'not set' : maskValue(issue.message, value),
      expected: describeField(schema.shape[variable]),
    };
  });
  throw new ConfigError(problems);
}

function formatProblems(problems: ConfigProblem[]): string {
  const lines = problems.map((p) => {
    const what = p.problem === 'missing' ? 'is not set' : `is not valid (${p.detail})`;
    return `  - ${p.variable} ${what}.${p.expected ? ` Expected: ${p.expected}` : ''}`;
  });
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return `The configuration has ${count}; set these environment variables and run again:\n${lines.join('\n')}`;
}
// #endregion config-errors

/** zod's own messages do not quote the input, but a custom one might. */
function maskValue(message: string, value: string): string {
  return value.length >= 3 ? message.split(value).join('***') : message;
}

/** The description on a field, looking inside .optional(), .default() and transforms. */
function describeField(schema: unknown): string | undefined {
  let current: unknown = schema;
  while (current instanceof z.ZodType) {
    if (current.description) return current.description;
    const def = current._zod.def as { innerType?: unknown; in?: unknown };
    current = def.innerType ?? def.in;
  }
  return undefined;
}
