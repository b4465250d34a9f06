/**
 * The promotion rules of the deployment workflow, read from the parsed YAML:
 * pull requests plan test and prod and never apply; on main, test is applied
 * and smoke-tested before prod is planned, and prod applies exactly the plan
 * file that its plan job saved in the same run, in the production
 * environment, which a reviewer approves. Each job assumes the role its
 * environment allows. actionlint checks that the file is a valid workflow;
 * these check that it deploys in the right order.
 */
import type { Job, Step, Workflow } from './workflow-rules.ts';

/** The jobs of the promotion, in order, by their ids in the workflow. */
export const PROMOTION = ['apply-test', 'smoke-test', 'plan-prod', 'apply-prod'] as const;

/** What each job must run as: its GitHub environment (none for plans) and the variable holding its role. */
export const JOB_ROLES: Record<string, { environment: string | undefined; role: string }> = {
  plan: { environment: undefined, role: '${{ vars.AWS_PLAN_ROLE_ARN }}' },
  'apply-test': { environment: 'test', role: '${{ vars.AWS_APPLY_ROLE_ARN }}' },
  'smoke-test': { environment: 'test', role: '${{ vars.AWS_APPLY_ROLE_ARN }}' },
  'plan-prod': { environment: undefined, role: '${{ vars.AWS_PLAN_ROLE_ARN }}' },
  'apply-prod': { environment: 'production', role: '${{ vars.AWS_APPLY_ROLE_ARN }}' },
};

const ON_MAIN_ONLY = ["github.ref == 'refs/heads/main'", "github.event_name != 'pull_request'"];

/** The names a job's needs: lists, whether written as one string or a list. */
export function needsOf(job: Job | undefined): string[] {
  const needs = job?.needs;
  if (needs === undefined) return [];
  return Array.isArray(needs) ? needs.map(String) : [String(needs)];
}

/** The GitHub environment a job names, as a string or as { name }. */
export function environmentOf(job: Job | undefined): string | undefined {
  const environment = job?.environment;
  if (typeof environment === 'string') return environment;
  if (typeof environment === 'object' && environment !== null && 'name' in environment) return String((environment as { name: unknown }).name);
  return undefined;
}

export const stepUsing = (job: Job | undefined, action: string): Step | undefined => job?.steps?.find((step) => step.uses?.startsWith(`${action}@`));
const stepsUsing = (job: Job | undefined, action: string): Step[] => (job?.steps ?? []).filter((step) => step.uses?.startsWith(`${action}@`));
/** The first step of a job whose run: script contains text. */
const stepRunning = (job: Job | undefined, text: string): Step | undefined => job?.steps?.find((step) => step.run?.includes(text));
/** Every run: script of a job, one after another. */
export const runsOf = (job: Job | undefined): string => (job?.steps ?? []).map((step) => step.run ?? '').join('\n');

/** The plan file a run: script applies (`terraform apply [options] <file>`), or undefined when it applies without one. */
export function appliedPlanFile(script: string): string | undefined {
  for (const line of script.split('\n')) {
    const match = /^\s*terraform apply\b(.*)$/.exec(line);
    if (!match) continue;
    const file = match[1]!.trim().split(/\s+/).filter((word) => word !== '' && !word.startsWith('-')).at(-1);
    return file ?? '';
  }
  return undefined;
}

/** The file a run: script saves its plan to (`terraform plan ... -out=<file>`). */
export function savedPlanFile(script: string): string | undefined {
  return /^\s*terraform plan\b.*\s-out=(\S+)/m.exec(script)?.[1];
}

/** The matrix values of a job's strategy, for one key. */
function matrixValues(job: Job | undefined, key: string): unknown[] {
  const strategy = (job as { strategy?: { matrix?: Record<string, unknown> } } | undefined)?.strategy;
  const values = strategy?.matrix?.[key];
  return Array.isArray(values) ? values : [];
}

// #region promotion-rules
/** What is wrong with the deployment workflow's promotion from pull request to prod. */
export function promotionProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  const jobs = workflow.jobs ?? {};

  // Pull requests: plan both environments, apply nothing.
  const plan = jobs.plan;
  if (!plan?.if?.includes("github.event_name == 'pull_request'")) problems.push('job plan must run on pull requests only');
  const planned = matrixValues(plan, 'environment');
  for (const environment of ['test', 'prod']) if (!planned.includes(environment)) problems.push(`job plan must plan ${environment} (strategy.matrix.environment)`);
  if (!/terraform plan\b/.test(runsOf(plan))) problems.push('job plan must run terraform plan');
  for (const [name, job] of Object.entries(jobs)) {
    const applies = /terraform apply\b/.test(runsOf(job));
    if (applies && !ON_MAIN_ONLY.every((condition) => job.if?.includes(condition))) {
      problems.push(`job ${name} runs terraform apply, so its if: must hold ${ON_MAIN_ONLY.join(' && ')} (a pull request never applies)`);
    }
  }

  // Main: test, its smoke run, the prod plan, the prod apply, each after the one before.
  if (!needsOf(jobs['apply-test']).includes('lambda-package')) problems.push('job apply-test must need lambda-package (the bundle it deploys)');
  PROMOTION.forEach((name, index) => {
    const job = jobs[name];
    if (job === undefined) {
      problems.push(`job ${name} is missing`);
      return;
    }
    if (!ON_MAIN_ONLY.every((condition) => job.if?.includes(condition))) problems.push(`job ${name} must run on main only: if: ${ON_MAIN_ONLY.join(' && ')}`);
    const before = PROMOTION[index - 1];
    if (before !== undefined && !needsOf(job).includes(before)) problems.push(`job ${name} must need ${before}`);
  });

  // Each job runs as the role its environment allows.
  for (const [name, expected] of Object.entries(JOB_ROLES)) {
    const job = jobs[name];
    if (job === undefined) continue;
    if (environmentOf(job) !== expected.environment) problems.push(`job ${name} must run in ${expected.environment === undefined ? 'no environment' : `the ${expected.environment} environment`}, found ${environmentOf(job) ?? 'none'}`);
    const roles = stepsUsing(job, 'aws-actions/configure-aws-credentials').map((step) => step.with?.['role-to-assume']);
    if (roles.length === 0 || roles.some((role) => role !== expected.role)) problems.push(`job ${name} must assume ${expected.role}, found ${roles.length === 0 ? 'no role' : roles.join(', ')}`);
  }

  // The smoke run invokes the function test's apply made.
  const smoke = runsOf(jobs['smoke-test']);
  if (!/aws lambda invoke\b/.test(smoke)) problems.push('job smoke-test must invoke the extract-and-land function');
  if (!String(stepRunning(jobs['smoke-test'], 'aws lambda invoke')?.env?.FUNCTION_NAME ?? '').includes('needs.apply-test.outputs.extract_function_name')) {
    problems.push('job smoke-test must invoke the function named by apply-test\'s output extract_function_name');
  }

  // Prod applies the plan file that plan-prod saved, in this run, with no plan of its own.
  const planProd = jobs['plan-prod'];
  const applyProd = jobs['apply-prod'];
  const savedAs = savedPlanFile(runsOf(planProd));
  const upload = stepUsing(planProd, 'actions/upload-artifact');
  if (savedAs === undefined) problems.push('job plan-prod must save its plan (terraform plan -out=<file>)');
  if (upload === undefined) problems.push('job plan-prod must upload the saved plan as an artifact');
  const retention = Number(upload?.with?.['retention-days']);
  if (upload !== undefined && !(retention >= 1 && retention <= 7)) problems.push('job plan-prod must keep the plan artifact 7 days or fewer: a plan file holds secrets in clear');
  const download = stepsUsing(applyProd, 'actions/download-artifact').find((step) => step.with?.name === upload?.with?.name);
  if (download === undefined) problems.push(`job apply-prod must download the artifact ${String(upload?.with?.name)} that plan-prod uploads`);
  if (download !== undefined && download.with?.path !== upload?.with?.path) problems.push('job apply-prod must download the plan to the folder plan-prod saved it from');
  for (const input of ['run-id', 'github-token', 'repository']) {
    if (download?.with?.[input] !== undefined) problems.push(`job apply-prod must take the plan from this run, not another (remove ${input})`);
  }
  if (/terraform plan\b/.test(runsOf(applyProd))) problems.push('job apply-prod must not run terraform plan: it applies the reviewed plan');
  const applied = appliedPlanFile(runsOf(applyProd));
  if (!applied) problems.push('job apply-prod must apply a saved plan file (terraform apply <planfile>)');
  else if (savedAs !== undefined && applied !== savedAs) problems.push(`job apply-prod applies ${applied}, but plan-prod saved ${savedAs}`);
  return problems;
}
// #endregion promotion-rules
