/**
 * The questions `de-standards new` asks on a terminal, one per choice the
 * command line did not give. The answers are checked with the same rules as
 * the options, so a prompt and a flag cannot disagree.
 */
import { confirm, input, select } from '@inquirer/prompts';
import { DEFAULT_OWNER, defaultDbt, nameProblem, ownerProblem, type Runtime } from './options.ts';

export type Choices = { name: string; owner: string; runtime: Runtime; dbt: boolean };
export type Given = Partial<Choices>;

/** Asks for each missing choice. A separate type, so a test can answer without a terminal. */
export type Prompter = (given: Given, suggestedName: string | undefined) => Promise<Choices>;

export const askWithInquirer: Prompter = async (given, suggestedName) => {
  const name =
    given.name ??
    (await input({
      message: 'Pipeline name (kebab-case, e.g. pipeline-council-tax):',
      ...(suggestedName ? { default: suggestedName } : {}),
      validate: (value) => nameProblem(value.trim()) ?? true,
    })).trim();
  const runtime =
    given.runtime ??
    (await select<Runtime>({
      message: 'Where does it run?',
      choices: [
        { value: 'ec2-airflow', name: 'ec2-airflow', description: 'an Airflow DAG on the team\'s EC2 host: several steps, dbt, backfills (the usual choice)' },
        { value: 'lambda', name: 'lambda', description: 'an AWS Lambda function on a daily schedule: one small step that finishes well within 15 minutes' },
      ],
      default: 'ec2-airflow',
    }));
  const dbt = given.dbt ?? (await confirm({ message: 'Include a dbt project?', default: defaultDbt(runtime) }));
  const owner =
    given.owner ??
    (await input({
      message: 'Owner, for CODEOWNERS (@org/team):',
      default: DEFAULT_OWNER,
      validate: (value) => ownerProblem(value.trim()) ?? true,
    })).trim();
  return { name, owner, runtime, dbt };
};
