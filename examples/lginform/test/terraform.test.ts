/**
 * The Terraform under ../terraform, checked without an AWS account or
 * provider downloads: every file parses, checkov finds no failed check (a
 * skip only with an inline reason), `terraform fmt` is clean where a
 * terraform binary exists, and the security properties that matter most are
 * asserted straight from the HCL, so they hold even if a check is skipped.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DIR, ensureCheckov, onPath, run } from './lint-tools.ts';
import {
  attr,
  blocksOf,
  type HclFiles,
  listAttr,
  listTerraformFiles,
  namedBlocks,
  nested,
  parseErrors,
  parseHcl,
  resources,
  securityProblems,
} from './terraform-rules.ts';
import { regionProblems } from './regions.ts';
import { readWorkflow } from './workflow-rules.ts';
import { embeddedServerMajorVersion } from '@rbk-lbs/kit/postgres/embedded';

const TERRAFORM_DIR = path.join(EXAMPLE_DIR, 'terraform');
const INSTALL_TIMEOUT_MS = 10 * 60_000;

const terraformOnPath = await onPath('terraform');
if (!terraformOnPath) console.warn('terraform fmt -check is skipped: no terraform binary on the PATH (install Terraform 1.11 or later to run it).');

type CheckovReport = {
  summary: { passed: number; failed: number; skipped: number; parsing_errors: number; resource_count: number; checkov_version: string };
  results: {
    passed_checks?: CheckovResult[];
    failed_checks?: CheckovResult[];
    skipped_checks?: (CheckovResult & { check_result: { suppress_comment?: string } })[];
  };
};
type CheckovResult = { check_id: string; check_name: string; resource: string; file_path: string; file_line_range: number[] };

/** checkov over a folder, offline: no guideline download, no platform. */
async function checkov(checkovBin: string, dir: string, extraArgs: string[] = []): Promise<{ code: number; report: CheckovReport }> {
  const result = await run(checkovBin, ['-d', dir, '--framework', 'terraform', '--skip-download', '--output', 'json', ...extraArgs], {
    env: { ...process.env, BC_SKIP_MAPPING: 'TRUE', CHECKOV_CREATE_GRAPH: 'True', LOG_LEVEL: 'WARNING' },
  });
  const parsed = JSON.parse(result.stdout) as CheckovReport | CheckovReport[];
  return { code: result.code, report: Array.isArray(parsed) ? parsed[0]! : parsed };
}

let tools: { checkov: string; python: string };
let files: string[];
let parsed: HclFiles;
const tempDirs: string[] = [];

beforeAll(async () => {
  tools = await ensureCheckov();
  files = await listTerraformFiles(TERRAFORM_DIR);
  parsed = await parseHcl(tools.python, files, TERRAFORM_DIR);
}, INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lginform-terraform-test-'));
  tempDirs.push(dir);
  return dir;
}

const fileIn = (relative: string): HclFiles => ({ [relative]: parsed[relative]! });

/** The environments the stack is deployed to, each a folder under environments/ (bootstrap is not one). */
const ENVIRONMENTS = ['dev', 'test', 'prod'];

describe('the Terraform files', () => {
  it('all parse as HCL (python-hcl2)', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    expect(parseErrors(parsed)).toEqual([]);
  });

  it.skipIf(!terraformOnPath)('are formatted (terraform fmt -check -recursive)', async () => {
    const result = await run('terraform', ['fmt', '-check', '-recursive', '-list=true'], { cwd: TERRAFORM_DIR });
    expect(result.stdout.trim(), `files terraform fmt would change:\n${result.stdout}`).toBe('');
    expect(result.code).toBe(0);
  });

  it('declare a description for every variable and output, and validate the inputs that can be wrong', () => {
    const variables = namedBlocks(parsed, 'variable');
    const outputs = namedBlocks(parsed, 'output');
    const undescribed = [...variables, ...outputs].filter((block) => String(attr(block.body, 'description') ?? '').trim().length < 10).map((block) => `${block.file}: ${block.type} ${block.name}`);
    expect(undescribed).toEqual([]);
    const validated = new Set(variables.filter((block) => nested(block.body, 'validation').length > 0).map((block) => `${path.dirname(block.file)}:${block.name}`));
    for (const name of [
      'modules/secure-bucket:kms_key_arn', 'modules/pipeline-iam:lake_bucket_arn', 'modules/pipeline-iam:source_name', 'modules/pipeline-iam:secret_arn',
      'modules/scheduled-lambda:timeout_seconds', 'modules/scheduled-lambda:environment', 'modules/database:engine_version', 'modules/database:backup_retention_days',
      'modules/github-oidc:github_repository', 'modules/data-lake:raw_glacier_ir_after_days', 'modules/pipeline-stack:environment',
    ]) {
      expect(validated, `${name} should have a validation block`).toContain(name);
    }
  });

  it('mark every region the site pulls', async () => {
    const expected = ['tls-only-policy', 'lifecycle-rules', 'least-privilege-policy', 'imdsv2', 'no-inbound', 'rds-force-ssl', 'state-backend', 'lambda-schedule', 'oidc-trust'];
    expect(await regionProblems(files, expected)).toEqual([]);
  });
});

describe('checkov', () => {
  it('reports no failed check over the whole configuration', async () => {
    const { code, report } = await checkov(tools.checkov, TERRAFORM_DIR);
    const failed = (report.results.failed_checks ?? []).map((check) => `${check.check_id} ${check.check_name}: ${check.resource} (${check.file_path}:${check.file_line_range.join('-')})`);
    expect(failed).toEqual([]);
    expect(code).toBe(0);
    expect(report.summary.parsing_errors).toBe(0);
    // A scan that saw nothing would also have no failures.
    expect(report.summary.resource_count).toBeGreaterThanOrEqual(90);
    expect(report.summary.passed).toBeGreaterThanOrEqual(400);
    // Every skip is an inline #checkov:skip with a reason, as the next test checks.
    for (const skipped of report.results.skipped_checks ?? []) {
      expect(skipped.check_result.suppress_comment ?? '', `${skipped.check_id} on ${skipped.resource}`).toMatch(/\S.{39,}/);
    }
  }, 120_000);

  it('skips a check only inline, with a reason a reviewer can weigh', async () => {
    const skips: string[] = [];
    for (const file of files) {
      for (const line of (await readFile(file, 'utf8')).split('\n')) {
        if (line.includes('checkov:skip')) skips.push(`${path.relative(TERRAFORM_DIR, file)}: ${line.trim()}`);
      }
    }
    expect(skips.length).toBeGreaterThan(0);
    for (const skip of skips) expect(skip).toMatch(/: #checkov:skip=CKV2?_AWS_\d+:[A-Z].{40,}$/);
  });

  it('still fails a configuration that breaks its rules (the scan is real)', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'main.tf'), 'resource "aws_instance" "careless" {\n  ami           = "ami-12345678"\n  instance_type = "t3.micro"\n}\n');
    const { code, report } = await checkov(tools.checkov, dir, ['--check', 'CKV_AWS_79,CKV_AWS_8']);
    expect(code).toBe(1);
    expect((report.results.failed_checks ?? []).map((check) => check.check_id).sort()).toEqual(['CKV_AWS_79', 'CKV_AWS_8']);
  }, 120_000);
});

describe('security properties, read from the HCL', () => {
  it('hold across every module and environment', () => {
    expect(securityProblems(parsed)).toEqual([]);
  });

  it('are enforced: a weakened configuration is reported, rule by rule', async () => {
    const dir = await tempDir();
    const weakened = path.join(dir, 'weakened.tf');
    await writeFile(
      weakened,
      `resource "aws_security_group" "web" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_vpc_security_group_ingress_rule" "airflow_ui" {
  security_group_id = "sg-12345678"
  ip_protocol       = "tcp"
  from_port         = 8080
  to_port           = 8080
  cidr_ipv6         = "::/0"
}
resource "aws_instance" "host" {
  ami                         = "ami-12345678"
  instance_type               = "t4g.medium"
  associate_public_ip_address = false
  ebs_optimized               = true
  monitoring                  = true
  metadata_options {
    http_tokens = "optional"
  }
  root_block_device {
    encrypted = true
  }
}
resource "aws_db_instance" "db" {
  publicly_accessible                 = true
  storage_encrypted                   = true
  deletion_protection                 = true
  iam_database_authentication_enabled = true
  manage_master_user_password         = true
  copy_tags_to_snapshot               = true
}
data "aws_iam_policy_document" "pipeline" {
  statement {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}
resource "aws_iam_role_policy_attachment" "lazy" {
  role       = "pipeline"
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3FullAccess"
}
`,
    );
    const problems = securityProblems(await parseHcl(tools.python, [weakened], dir));
    expect(problems).toEqual([
      expect.stringContaining('aws_vpc_security_group_ingress_rule.airflow_ui allows ingress from ::/0 on port 8080'),
      expect.stringContaining('aws_security_group.web has an inline ingress rule from the internet on port 22'),
      expect.stringContaining('aws_instance.host must require IMDSv2'),
      expect.stringContaining('aws_db_instance.db must set publicly_accessible = false'),
      expect.stringContaining('grants "s3:*"'),
      expect.stringContaining('attaches arn:aws:iam::aws:policy/AmazonS3FullAccess'),
    ]);
  });

  it('give the Airflow host no inbound rule at all, and IMDSv2', () => {
    const host = fileIn('modules/airflow-host/main.tf');
    const group = resources(host, 'aws_security_group').find((block) => block.name === 'host');
    expect(group).toBeDefined();
    expect(nested(group!.body, 'ingress')).toEqual([]);
    expect(resources(host, 'aws_vpc_security_group_ingress_rule')).toEqual([]);
    expect(resources(host, 'aws_security_group_rule')).toEqual([]);
    const instance = resources(host, 'aws_instance')[0]!;
    expect(attr(nested(instance.body, 'metadata_options')[0], 'http_tokens')).toBe('required');
    const ssm = resources(host, 'aws_iam_role_policy_attachment').map((block) => attr(block.body, 'policy_arn'));
    expect(ssm).toContain('arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore');
  });

  it('let the pipeline touch only its own prefixes, its own key and its own secret', () => {
    const iam = fileIn('modules/pipeline-iam/main.tf');
    const locals = (iam['modules/pipeline-iam/main.tf']!.locals as Record<string, unknown>[])[0]!;
    expect(attr(locals, 'own_prefixes')).toEqual(['raw/${var.source_name}/', 'quarantine/${var.source_name}/']);
    const document = blocksOf(iam, 'data').find((block) => block.name === 'extract_and_land')!;
    const statements = Object.fromEntries(nested(document.body, 'statement').map((statement) => [attr(statement, 'sid'), statement]));
    expect(Object.keys(statements).sort()).toEqual(['ListTheLakeBucket', 'ReadAndWriteOwnPrefixesOnly', 'ReadOwnSecretOnly', 'UseOwnKeyThroughS3AndSecretsManagerOnly']);
    expect(listAttr(statements.ReadAndWriteOwnPrefixesOnly, 'resources')).toEqual(['${local.own_objects}']);
    expect(listAttr(statements.ReadAndWriteOwnPrefixesOnly, 'actions').sort()).toEqual(['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject']);
    expect(listAttr(statements.ReadOwnSecretOnly, 'resources')).toEqual(['${var.secret_arn}']);
    expect(listAttr(statements.ReadOwnSecretOnly, 'actions')).toEqual(['secretsmanager:GetSecretValue']);
    expect(listAttr(statements.UseOwnKeyThroughS3AndSecretsManagerOnly, 'resources')).toEqual(['${var.kms_key_arn}']);
    expect(listAttr(statements.ListTheLakeBucket, 'resources')).toEqual(['${var.lake_bucket_arn}']);
  });

  it('move raw objects to cheaper storage and expire quarantine', () => {
    const lake = fileIn('modules/data-lake/main.tf');
    const locals = (lake['modules/data-lake/main.tf']!.locals as Record<string, unknown>[])[0]!;
    const rules = attr(locals, 'lifecycle_rules') as { id: string; prefix: string; transitions?: { storage_class: string; days: string }[]; expiration_days?: string }[];
    const raw = rules.find((rule) => rule.prefix === 'raw/${var.source_name}/');
    expect(raw?.transitions?.map((transition) => transition.storage_class)).toEqual(['STANDARD_IA', 'GLACIER_IR']);
    expect(rules.find((rule) => rule.prefix === 'quarantine/${var.source_name}/')?.expiration_days).toBe('${var.quarantine_expiration_days}');
    const defaults = Object.fromEntries(namedBlocks(fileIn('modules/data-lake/variables.tf'), 'variable').map((block) => [block.name, attr(block.body, 'default')]));
    expect(defaults).toMatchObject({ raw_infrequent_access_after_days: 30, raw_glacier_ir_after_days: 180, quarantine_expiration_days: 90 });
    // Every secure bucket aborts incomplete uploads across the whole bucket (checkov's CKV_AWS_300 misreads this rule).
    const lifecycle = resources(fileIn('modules/secure-bucket/main.tf'), 'aws_s3_bucket_lifecycle_configuration')[0]!;
    const first = nested(lifecycle.body, 'rule')[0]!;
    expect(nested(first, 'filter')).toEqual([{}]);
    expect(nested(first, 'abort_incomplete_multipart_upload')).toHaveLength(1);
  });

  it('keep the state in S3 with S3 native locking, pin the providers, and run prod Multi-AZ', () => {
    for (const env of ENVIRONMENTS) {
      const terraform = (parsed[`environments/${env}/versions.tf`]!.terraform as Record<string, unknown>[])[0]!;
      expect(String(attr(terraform, 'required_version'))).toMatch(/>= 1\.1[1-9]/);
      const aws = nested(nested(terraform, 'required_providers')[0], 'aws')[0];
      expect(attr(aws, 'source')).toBe('hashicorp/aws');
      expect(String(attr(aws, 'version'))).toMatch(/^~> 6\.\d+$/);
      const backend = nested(terraform, 'backend')[0]!.s3 as Record<string, unknown>;
      expect(attr(backend, 'key')).toBe(`lginform/${env}/terraform.tfstate`);
      expect(attr(backend, 'use_lockfile')).toBe(true);
      expect(attr(backend, 'encrypt')).toBe(true);
      expect(backend.dynamodb_table).toBeUndefined();
      const provider = (parsed[`environments/${env}/providers.tf`]!.provider as Record<string, HclFiles[string]>[])[0]!.aws as Record<string, unknown>;
      expect(attr(nested(provider, 'default_tags')[0], 'tags')).toMatchObject({ Project: 'lginform', Environment: env, ManagedBy: 'terraform' });
    }
    const prod = namedBlocks(fileIn('environments/prod/main.tf'), 'module')[0]!;
    expect(attr(prod.body, 'database_multi_az')).toBe(true);
    expect(attr(prod.body, 'force_destroy_buckets')).toBe(false);
  });

  it('run the PostgreSQL major version the tests run, with Database Insights in Standard mode', () => {
    const major = embeddedServerMajorVersion();
    const database = fileIn('modules/database/main.tf');
    const defaults = Object.fromEntries(namedBlocks(fileIn('modules/database/variables.tf'), 'variable').map((block) => [block.name, attr(block.body, 'default')]));
    expect(defaults.engine_version).toBe(String(major));
    expect(attr(resources(database, 'aws_db_parameter_group')[0]!.body, 'family')).toBe(`postgres${major}`);
    const instance = resources(database, 'aws_db_instance')[0]!.body;
    expect(attr(instance, 'engine')).toBe('postgres');
    expect(attr(instance, 'database_insights_mode')).toBe('standard');
    expect(attr(instance, 'performance_insights_enabled')).toBe(true);
  });

  it('run the Lambda variant daily on Node.js 24 (arm64), in London time, with a dead-letter queue', () => {
    const lambda = fileIn('modules/scheduled-lambda/main.tf');
    const schedule = resources(lambda, 'aws_scheduler_schedule')[0]!;
    expect(attr(schedule.body, 'schedule_expression_timezone')).toBe('${var.schedule_timezone}');
    expect(nested(nested(schedule.body, 'target')[0], 'dead_letter_config')).toHaveLength(1);
    const defaults = Object.fromEntries(namedBlocks(fileIn('modules/scheduled-lambda/variables.tf'), 'variable').map((block) => [block.name, attr(block.body, 'default')]));
    expect(defaults).toMatchObject({ schedule_timezone: 'Europe/London', schedule_expression: 'cron(30 2 * * ? *)', reserved_concurrency: 1 });
    const fn = resources(lambda, 'aws_lambda_function')[0]!;
    expect(attr(fn.body, 'runtime')).toBe('nodejs24.x');
    expect(listAttr(fn.body, 'architectures')).toEqual(['arm64']);
  });
});

describe('the environments', () => {
  const stackCall = (env: string) => namedBlocks(fileIn(`environments/${env}/main.tf`), 'module')[0]!;

  it('are dev, test and prod, each with the same files, calling the same stack with its own name, network and state', async () => {
    const folders = (await readdir(path.join(TERRAFORM_DIR, 'environments'))).filter((name) => name !== 'bootstrap').sort();
    expect(folders).toEqual([...ENVIRONMENTS].sort());
    const filesOf = (env: string) => files.filter((file) => path.dirname(path.relative(TERRAFORM_DIR, file)) === `environments/${env}`).map((file) => path.basename(file));
    for (const env of ENVIRONMENTS) {
      expect(filesOf(env), env).toEqual(filesOf('prod'));
      const call = stackCall(env);
      expect(attr(call.body, 'source'), env).toBe('../../modules/pipeline-stack');
      expect(attr(call.body, 'environment'), env).toBe(env);
    }
    const cidrs = ENVIRONMENTS.map((env) => attr(stackCall(env).body, 'vpc_cidr'));
    expect(new Set(cidrs).size).toBe(ENVIRONMENTS.length);
    // The stack accepts each of them: its validation names every environment.
    const validation = nested(namedBlocks(fileIn('modules/pipeline-stack/variables.tf'), 'variable').find((block) => block.name === 'environment')!.body, 'validation')[0];
    expect(String(attr(validation, 'condition'))).toContain(`contains([${ENVIRONMENTS.map((env) => `'${env}'`).join(', ')}],var.environment)`);
  });

  it('size test between dev and prod: prod\'s database class in one zone, buckets kept', () => {
    const [dev, test, prod] = ENVIRONMENTS.map((env) => stackCall(env).body);
    expect(attr(test, 'database_instance_class')).toBe(attr(prod, 'database_instance_class'));
    expect(attr(test, 'database_instance_class')).not.toBe(attr(dev, 'database_instance_class'));
    expect(attr(test, 'database_multi_az')).toBe(false);
    expect(attr(test, 'nat_gateway_per_zone')).toBe(false);
    expect(attr(test, 'force_destroy_buckets')).toBe(false);
  });
});

describe('the deployment roles (github-oidc)', () => {
  const oidc = () => fileIn('modules/github-oidc/main.tf');
  const defaultOf = (file: string, name: string) => attr(namedBlocks(fileIn(file), 'variable').find((block) => block.name === name)?.body, 'default');

  it('make an apply role for test and for prod, each for the GitHub environment the deployment workflow names', async () => {
    const expected = { test: 'test', prod: 'production' };
    expect(defaultOf('modules/github-oidc/variables.tf', 'apply_environments')).toEqual(expected);
    expect(defaultOf('environments/bootstrap/variables.tf', 'apply_environments')).toEqual(expected);
    expect(attr(namedBlocks(fileIn('environments/bootstrap/main.tf'), 'module').find((block) => block.name === 'github_oidc')!.body, 'apply_environments')).toBe('${var.apply_environments}');
    const { workflow } = await readWorkflow(path.join(EXAMPLE_DIR, 'deploy/workflows/lginform-deploy.yml'));
    expect({ test: workflow.jobs?.['apply-test']?.environment, prod: workflow.jobs?.['apply-prod']?.environment }).toEqual(expected);
    expect(attr(resources(oidc(), 'aws_iam_role').find((block) => block.name === 'apply')!.body, 'for_each')).toBe('${var.apply_environments}');
  });

  it('trust exact subjects: pull requests and main for the plan role, one GitHub environment for each apply role', () => {
    const subjects = String(nested(parsed['modules/github-oidc/main.tf'], 'locals').map((block) => attr(block, 'subjects')).find((value) => value !== undefined));
    expect(subjects).toContain("'plan': ['repo:${var.github_repository}:pull_request', 'repo:${var.github_repository}:ref:refs/heads/${var.plan_branch}']");
    expect(subjects).toContain('"apply-${env}" => [\'repo:${var.github_repository}:environment:${github_environment}\']');
    expect(subjects).not.toContain('*');
    const trust = blocksOf(oidc(), 'data').find((block) => block.type === 'aws_iam_policy_document' && block.name === 'trust')!;
    const conditions = nested(nested(trust.body, 'statement')[0], 'condition');
    expect(conditions.map((condition) => [attr(condition, 'test'), attr(condition, 'variable')])).toEqual([
      ['StringEquals', 'token.actions.githubusercontent.com:aud'],
      ['StringEquals', 'token.actions.githubusercontent.com:sub'],
    ]);
    expect(attr(conditions[1], 'values')).toBe('${each.value}');
  });

  it('let each apply role write only its own environment\'s state and IAM names, and the plan role only read and lock', () => {
    const policy = (name: string) => blocksOf(oidc(), 'data').find((block) => block.type === 'aws_iam_policy_document' && block.name === name)!;
    const statement = (name: string, sid: string) => nested(policy(name).body, 'statement').find((item) => attr(item, 'sid') === sid);
    expect(listAttr(statement('apply_state', 'ReadAndWriteOwnStateAndLock'), 'resources')).toEqual(['${var.state_bucket_arn}/${var.name}/${each.key}/*']);
    expect(listAttr(statement('plan_state', 'TakeAndReleaseTheLock'), 'resources')).toEqual(['${var.state_bucket_arn}/*.tflock']);
    expect(listAttr(statement('plan_state', 'ReadState'), 'actions')).toEqual(['s3:GetObject']);
    // The state keys and IAM names those patterns allow are the ones the environments use.
    expect(attr(namedBlocks(fileIn('environments/bootstrap/main.tf'), 'module').find((block) => block.name === 'github_oidc')!.body, 'name')).toBe('lginform');
    const managed = String(nested(parsed['modules/github-oidc/main.tf'], 'locals').map((block) => attr(block, 'managed')).find((value) => value !== undefined));
    expect(managed).toContain("'roles': '${local.iam_arn}:role/${var.name}-${env}-*'");
    expect(attr(nested(parsed['modules/pipeline-stack/main.tf'], 'locals')[0], 'name')).toBe('${var.name_prefix}-${var.environment}');
    const planAttachments = resources(oidc(), 'aws_iam_role_policy_attachment').filter((block) => attr(block.body, 'role') === '${aws_iam_role.plan.name}');
    expect(planAttachments.map((block) => attr(block.body, 'policy_arn'))).toEqual(['arn:${local.partition}:iam::aws:policy/ReadOnlyAccess']);
  });

  it('pass no secret value through Terraform, so a saved plan file holds none', () => {
    const secretAttributes = ['secret_string', 'secret_binary', 'secret_string_wo', 'password', 'master_password'];
    const found = [...blocksOf(parsed, 'resource'), ...blocksOf(parsed, 'data')]
      .filter((block) => block.type === 'random_password' || secretAttributes.some((key) => block.body[key] !== undefined))
      .map((block) => `${block.file}: ${block.type}.${block.name}`);
    expect(found).toEqual([]);
    const sensitive = namedBlocks(parsed, 'variable').filter((block) => attr(block.body, 'sensitive') === true).map((block) => `${block.file}: ${block.name}`);
    expect(sensitive).toEqual([]);
    expect(attr(resources(fileIn('modules/database/main.tf'), 'aws_db_instance')[0]!.body, 'manage_master_user_password')).toBe(true);
  });
});
