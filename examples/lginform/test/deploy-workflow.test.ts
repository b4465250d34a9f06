/**
 * The deployment workflow (../deploy/workflows/lginform-deploy.yml), parsed
 * with the yaml package: the promotion from pull request to prod as
 * deploy-rules.ts states it, each rule shown to fail on a workflow that
 * breaks it, and the script the deploy jobs run checked by shellcheck.
 * workflows.test.ts runs actionlint and the house rules over the same file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { appliedPlanFile, environmentOf, needsOf, PROMOTION, promotionProblems, runsOf, savedPlanFile, stepUsing } from './deploy-rules.ts';
import { EXAMPLE_DIR, ensureShellcheck, run } from './lint-tools.ts';
import { regionProblems } from './regions.ts';
import { type Job, readWorkflow, type Workflow } from './workflow-rules.ts';

const DEPLOY_WORKFLOW = path.join(EXAMPLE_DIR, 'deploy/workflows/lginform-deploy.yml');
const DEPLOY_DAGS = path.join(EXAMPLE_DIR, 'deploy/deploy-dags.sh');
const PLAN_ENVIRONMENT = path.join(EXAMPLE_DIR, 'terraform/plan-environment.sh');

let workflow: Workflow;
let jobs: Record<string, Job>;

beforeAll(async () => {
  workflow = (await readWorkflow(DEPLOY_WORKFLOW)).workflow;
  jobs = workflow.jobs ?? {};
});

/** A copy of the workflow with one job changed, to show a rule fails. */
function withJob(name: string, change: (job: Job) => void): Workflow {
  const copy = structuredClone(workflow);
  change(copy.jobs![name]!);
  return copy;
}

describe('the deployment workflow', () => {
  it('keeps every promotion rule', () => {
    expect(promotionProblems(workflow)).toEqual([]);
  });

  it('lints and tests, then bundles the Lambda function, before anything is planned or deployed', () => {
    expect(runsOf(jobs.test)).toMatch(/npx eslint/);
    expect(runsOf(jobs.test)).toMatch(/npm test/);
    expect(needsOf(jobs['lambda-package'])).toEqual(['test']);
    expect(needsOf(jobs.plan)).toEqual(['lambda-package']);
  });

  it('on a pull request plans test and prod with the read-only role, shows both in the run summary, and applies nothing', () => {
    const plan = jobs.plan!;
    expect(plan.if).toMatch(/github\.event_name == 'pull_request'/);
    expect((plan as { strategy?: { matrix?: { environment?: unknown } } }).strategy?.matrix?.environment).toEqual(['test', 'prod']);
    expect(plan.environment).toBeUndefined();
    expect(stepUsing(plan, 'aws-actions/configure-aws-credentials')?.with?.['role-to-assume']).toBe('${{ vars.AWS_PLAN_ROLE_ARN }}');
    expect(runsOf(plan)).toMatch(/terraform plan .*-out=tfplan/);
    expect(runsOf(plan)).toMatch(/GITHUB_STEP_SUMMARY/);
    expect(runsOf(plan)).not.toMatch(/terraform apply/);
    // Every job that applies is kept off pull requests.
    const applying = Object.entries(jobs).filter(([, job]) => /terraform apply/.test(runsOf(job))).map(([name]) => name);
    expect(applying.sort()).toEqual(['apply-prod', 'apply-test']);
    for (const name of applying) expect(jobs[name]!.if).toContain("github.event_name != 'pull_request'");
  });

  it('on main runs apply-test -> smoke-test -> plan-prod -> apply-prod, each after the one before', () => {
    expect(needsOf(jobs['apply-test'])).toEqual(['lambda-package', 'image']);
    expect(PROMOTION.slice(1).map((name) => needsOf(jobs[name]))).toEqual([['apply-test'], ['smoke-test'], ['plan-prod']]);
    for (const name of PROMOTION) expect(jobs[name]!.if, name).toBe("github.ref == 'refs/heads/main' && github.event_name != 'pull_request'");
  });

  it('applies test in the test environment, and smoke-tests the function that apply made with test\'s role', () => {
    const applyTest = jobs['apply-test']!;
    expect(environmentOf(applyTest)).toBe('test');
    expect(stepUsing(applyTest, 'aws-actions/configure-aws-credentials')?.with?.['role-to-assume']).toBe('${{ vars.AWS_APPLY_ROLE_ARN }}');
    expect(runsOf(applyTest)).toMatch(/echo "extract_function_name=\$\(terraform output -raw extract_function_name\)"/);
    expect((applyTest as { outputs?: Record<string, string> }).outputs?.extract_function_name).toBe('${{ steps.apply.outputs.extract_function_name }}');

    const smoke = jobs['smoke-test']!;
    expect(environmentOf(smoke)).toBe('test');
    const invoke = smoke.steps!.find((step) => step.run?.includes('aws lambda invoke'))!;
    expect(invoke.env?.FUNCTION_NAME).toBe('${{ needs.apply-test.outputs.extract_function_name }}');
    // One day, waited for, its result and its run log both checked, and the manifests looked up in the lake.
    expect(invoke.run).toMatch(/--payload "\$\(jq -cn --arg day "\$day" '\{detail: \{date: \$day\}\}'\)"/);
    expect(invoke.run).toMatch(/--cli-read-timeout 900/);
    expect(invoke.run).toMatch(/jq -e '\.FunctionError'/);
    expect(invoke.run).toMatch(/\.status == "success"/);
    expect(invoke.run).toMatch(/run-log\.txt \| grep -q '"status":"success"'/);
    expect(invoke.run).toMatch(/aws s3 ls "\$manifest"/);
  });

  it('saves the prod plan as a short-lived artifact and shows it in the run summary for the reviewer', () => {
    const planProd = jobs['plan-prod']!;
    expect(planProd.environment).toBeUndefined();
    expect(stepUsing(planProd, 'aws-actions/configure-aws-credentials')?.with?.['role-to-assume']).toBe('${{ vars.AWS_PLAN_ROLE_ARN }}');
    expect(savedPlanFile(runsOf(planProd))).toBe('saved-plan/tfplan');
    expect(runsOf(planProd)).toMatch(/cp \.terraform\.lock\.hcl saved-plan\/terraform\.lock\.hcl/);
    expect(runsOf(planProd)).toMatch(/GITHUB_STEP_SUMMARY/);
    expect(stepUsing(planProd, 'actions/upload-artifact')?.with).toEqual({
      name: 'terraform-plan-prod',
      path: '${{ env.ENVIRONMENTS_DIR }}/prod/saved-plan',
      'if-no-files-found': 'error',
      'retention-days': 3,
    });
  });

  it('applies in prod exactly the saved plan of this run, in the production environment, with no plan of its own', () => {
    const applyProd = jobs['apply-prod']!;
    expect(applyProd.environment).toBe('production');
    expect(applyProd.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(stepUsing(applyProd, 'aws-actions/configure-aws-credentials')?.with?.['role-to-assume']).toBe('${{ vars.AWS_APPLY_ROLE_ARN }}');
    const downloads = applyProd.steps!.filter((step) => step.uses?.startsWith('actions/download-artifact@')).map((step) => step.with);
    expect(downloads).toEqual([
      { name: 'lambda-package', path: 'examples/lginform/.data/lambda' },
      { name: 'terraform-plan-prod', path: '${{ env.ENVIRONMENTS_DIR }}/prod/saved-plan' },
      { name: 'pipeline-image', path: '${{ runner.temp }}/image' },
    ]);
    const script = runsOf(applyProd);
    expect(script).not.toMatch(/terraform plan/);
    expect(script).toMatch(/terraform init -lockfile=readonly/);
    expect(script).toMatch(/terraform show -no-color saved-plan\/tfplan/);
    expect(appliedPlanFile(script)).toBe('saved-plan/tfplan');
  });

  it('builds the image once, and pushes that same archive tagged with the commit to test and then to prod, then deploys the DAGs', () => {
    const image = jobs.image!;
    expect(needsOf(image)).toEqual(['test']);
    expect(image.permissions).toBeUndefined();
    expect(stepUsing(image, 'docker/build-push-action')?.with).toMatchObject({ file: 'examples/lginform/Dockerfile', platforms: 'linux/arm64', outputs: 'type=oci,dest=${{ runner.temp }}/image.tar' });
    expect(stepUsing(image, 'docker/build-push-action')?.with?.push).toBeUndefined();
    expect(stepUsing(image, 'actions/upload-artifact')?.with).toMatchObject({ name: 'pipeline-image', path: '${{ runner.temp }}/image.tar' });
    for (const name of ['apply-test', 'apply-prod']) {
      const job = jobs[name];
      expect(stepUsing(job, 'docker/build-push-action'), name).toBeUndefined();
      expect(job!.steps!.some((step) => step.uses?.startsWith('actions/download-artifact@') && step.with?.name === 'pipeline-image'), name).toBe(true);
      expect(runsOf(job), name).toContain('skopeo copy --all "oci-archive:${RUNNER_TEMP}/image/image.tar" "docker://${REPOSITORY}:${GITHUB_SHA}"');
      expect(runsOf(job), name).toMatch(/examples\/lginform\/deploy\/deploy-dags\.sh "\$\{\{ steps\.apply\.outputs\.dags_bucket \}\}" "\$\{\{ steps\.apply\.outputs\.airflow_instance_id \}\}"/);
    }
  });

  it('marks the regions the site pulls', async () => {
    expect(await regionProblems([DEPLOY_WORKFLOW], ['pinned-actions', 'plan-pull-request', 'oidc-assume-role', 'apply-test', 'smoke-test', 'plan-prod', 'terraform-apply-approval'])).toEqual([]);
  });
});

describe('the promotion rules', () => {
  it('find the plan file of terraform apply and the -out of terraform plan', () => {
    expect(appliedPlanFile('terraform init\nterraform apply -lock-timeout=5m saved-plan/tfplan\n')).toBe('saved-plan/tfplan');
    expect(appliedPlanFile('terraform apply -auto-approve')).toBe('');
    expect(appliedPlanFile('terraform plan -out=tfplan')).toBeUndefined();
    expect(savedPlanFile('mkdir -p saved-plan\nterraform plan -lock-timeout=5m -out=saved-plan/tfplan')).toBe('saved-plan/tfplan');
  });

  it('fail a prod apply that makes a fresh plan, applies without a plan file, or takes a plan from another run', () => {
    const fresh = withJob('apply-prod', (job) => {
      job.steps!.find((step) => step.run?.includes('terraform apply'))!.run = 'terraform init\nterraform plan -out=tfplan\nterraform apply tfplan\n';
    });
    expect(promotionProblems(fresh)).toEqual([
      'job apply-prod must not run terraform plan: it applies the reviewed plan',
      'job apply-prod applies tfplan, but plan-prod saved saved-plan/tfplan',
    ]);
    const auto = withJob('apply-prod', (job) => {
      job.steps!.find((step) => step.run?.includes('terraform apply'))!.run = 'terraform apply -auto-approve\n';
    });
    expect(promotionProblems(auto)).toEqual(['job apply-prod must apply a saved plan file (terraform apply <planfile>)']);
    const otherRun = withJob('apply-prod', (job) => {
      stepUsing({ steps: job.steps!.filter((step) => step.with?.name === 'terraform-plan-prod') }, 'actions/download-artifact')!.with!['run-id'] = '${{ inputs.run }}';
    });
    expect(promotionProblems(otherRun)).toEqual(['job apply-prod must take the plan from this run, not another (remove run-id)']);
  });

  it('fail a prod apply outside the production environment, or with the plan role', () => {
    const unguarded = withJob('apply-prod', (job) => {
      delete job.environment;
      stepUsing(job, 'aws-actions/configure-aws-credentials')!.with!['role-to-assume'] = '${{ vars.AWS_PLAN_ROLE_ARN }}';
    });
    expect(promotionProblems(unguarded)).toEqual([
      'job apply-prod must run in the production environment, found none',
      'job apply-prod must assume ${{ vars.AWS_APPLY_ROLE_ARN }}, found ${{ vars.AWS_PLAN_ROLE_ARN }}',
    ]);
  });

  it('fail a prod plan that does not wait for the smoke run, and a plan artifact kept too long', () => {
    const hasty = withJob('plan-prod', (job) => {
      job.needs = 'apply-test';
      stepUsing(job, 'actions/upload-artifact')!.with!['retention-days'] = 90;
    });
    expect(promotionProblems(hasty)).toEqual([
      'job plan-prod must need smoke-test',
      'job plan-prod must keep the plan artifact 7 days or fewer: a plan file holds secrets in clear',
    ]);
  });

  it('fail a pull request that applies or plans only prod', () => {
    const text = `on: pull_request
jobs:
  plan:
    if: github.event_name == 'pull_request'
    strategy:
      matrix:
        environment: [prod]
    runs-on: ubuntu-24.04
    steps:
      - run: terraform plan -out=tfplan
  deploy:
    runs-on: ubuntu-24.04
    steps:
      - run: terraform apply tfplan
`;
    expect(promotionProblems(parse(text) as Workflow)).toEqual(expect.arrayContaining([
      'job plan must plan test (strategy.matrix.environment)',
      "job deploy runs terraform apply, so its if: must hold github.ref == 'refs/heads/main' && github.event_name != 'pull_request' (a pull request never applies)",
      'job apply-test is missing',
      'job smoke-test is missing',
      'job plan-prod is missing',
      'job apply-prod is missing',
    ]));
  });
});

describe('the deployment scripts', () => {
  it('pass shellcheck', async () => {
    const result = await run(await ensureShellcheck(), ['--severity=style', DEPLOY_DAGS, PLAN_ENVIRONMENT]);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  }, 10 * 60_000);

  it('say how to call them when an argument is missing or wrong, and stop before touching AWS', async () => {
    const noBucket = { ...process.env, TF_STATE_BUCKET: '' };
    const dags = await run('bash', [DEPLOY_DAGS]);
    expect(dags.code).toBe(2);
    expect(dags.stderr).toMatch(/usage: deploy-dags\.sh <dags bucket> <instance id>/);
    const unknown = await run('bash', [PLAN_ENVIRONMENT, 'staging'], { env: noBucket });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("usage: plan-environment.sh dev|test|prod (got 'staging')\n");
    const bucketless = await run('bash', [PLAN_ENVIRONMENT, 'dev'], { env: noBucket });
    expect(bucketless.code).toBe(2);
    expect(bucketless.stderr).toMatch(/^TF_STATE_BUCKET is not set: set it to the state_bucket output of environments\/bootstrap/);
  });

  it('plan an environment as the workflow does: init with the state bucket, validate, a saved plan', async () => {
    expect(await regionProblems([PLAN_ENVIRONMENT], ['plan-environment'])).toEqual([]);
    const script = await readFile(PLAN_ENVIRONMENT, 'utf8');
    expect(script).toContain('terraform init -reconfigure -backend-config="bucket=${TF_STATE_BUCKET}"');
    expect(savedPlanFile(script)).toBe('"$environment.tfplan"');
    // The zip holds what the workflow's lambda-package job puts in it.
    const zipLine = /zip -q -r extract-and-land\.zip ([^)\n]+)/;
    expect(zipLine.exec(script)?.[1]).toBe(zipLine.exec(runsOf(jobs['lambda-package']))?.[1]);
  });
});
