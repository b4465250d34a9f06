/**
 * Security rules read straight from the parsed Terraform, so a change that
 * weakens one fails the tests even if a checkov check is skipped or changes
 * between versions. The input is python-hcl2's JSON: every attribute value
 * wrapped in a one-item list, every block a list of bodies.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { run } from './lint-tools.ts';

export type HclBody = Record<string, unknown>;
export type HclFile = Record<string, unknown>;
/** Parsed files by path relative to the terraform folder. */
export type HclFiles = Record<string, HclFile>;
export type Block = { file: string; type: string; name: string; body: HclBody };

// The parser: python-hcl2 from the checkov venv, all files in one process.
const PARSE_SCRIPT = `
import hcl2, json, sys
out = {}
for path in sys.argv[1:]:
    try:
        with open(path) as handle:
            out[path] = hcl2.load(handle)
    except Exception as error:
        out[path] = {"__parse_error__": f"{type(error).__name__}: {error}"}
json.dump(out, sys.stdout)
`;

export async function listTerraformFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.tf') && !path.join(entry.parentPath, entry.name).includes(`${path.sep}.terraform${path.sep}`))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Parses every file; a file that does not parse comes back as { __parse_error__ }. */
export async function parseHcl(python: string, files: string[], baseDir: string): Promise<HclFiles> {
  const result = await run(python, ['-c', PARSE_SCRIPT, ...files]);
  if (result.code !== 0) throw new Error(`python-hcl2 failed:\n${result.stderr}`);
  const parsed = JSON.parse(result.stdout) as Record<string, HclFile>;
  return Object.fromEntries(Object.entries(parsed).map(([file, content]) => [path.relative(baseDir, file), content]));
}

export function parseErrors(files: HclFiles): string[] {
  return Object.entries(files).flatMap(([file, content]) => (typeof content.__parse_error__ === 'string' ? [`${file}: ${content.__parse_error__}`] : []));
}

/** resource, data: { type: { name: body } }; variable, output, module: { name: body }. */
export function blocksOf(files: HclFiles, kind: 'resource' | 'data'): Block[] {
  return Object.entries(files).flatMap(([file, content]) =>
    asList(content[kind]).flatMap((byType) =>
      Object.entries(byType as Record<string, Record<string, HclBody>>).flatMap(([type, byName]) =>
        Object.entries(byName).map(([name, body]) => ({ file, type, name, body })),
      ),
    ),
  );
}

export function namedBlocks(files: HclFiles, kind: 'variable' | 'output' | 'module'): Block[] {
  return Object.entries(files).flatMap(([file, content]) =>
    asList(content[kind]).flatMap((byName) => Object.entries(byName as Record<string, HclBody>).map(([name, body]) => ({ file, type: kind, name, body }))),
  );
}

export function resources(files: HclFiles, type: string): Block[] {
  return blocksOf(files, 'resource').filter((block) => block.type === type);
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** An attribute's value (python-hcl2 wraps each in a one-item list). */
export function attr(body: HclBody | undefined, key: string): unknown {
  const value = body?.[key];
  return Array.isArray(value) && value.length === 1 ? value[0] : value;
}

/** The bodies of a nested block (a list of bodies, or one). */
export function nested(body: HclBody | undefined, key: string): HclBody[] {
  return asList(body?.[key]).filter((item): item is HclBody => typeof item === 'object' && item !== null && !Array.isArray(item));
}

/** A list attribute, flattened (python-hcl2 nests lists in the one-item wrapper). */
export function listAttr(body: HclBody | undefined, key: string): unknown[] {
  return asList(attr(body, key)).flat(2);
}

const where = (block: Block) => `${block.file}: ${block.type}.${block.name}`;
const WORLD = new Set(['0.0.0.0/0', '::/0']);

/** Every object in a parsed tree, for rules that look for a shape wherever it appears (policy statements). */
function* objectsIn(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const item of value) yield* objectsIn(item);
  else if (typeof value === 'object' && value !== null) {
    yield value as Record<string, unknown>;
    for (const child of Object.values(value)) yield* objectsIn(child);
  }
}

// #region security-rules
/** Ingress from anywhere on the internet, on any port (22 and 8080 included). */
function openIngress(files: HclFiles): string[] {
  const problems: string[] = [];
  for (const block of resources(files, 'aws_vpc_security_group_ingress_rule')) {
    for (const key of ['cidr_ipv4', 'cidr_ipv6']) {
      if (WORLD.has(String(attr(block.body, key)))) problems.push(`${where(block)} allows ingress from ${String(attr(block.body, key))} on port ${String(attr(block.body, 'from_port'))}`);
    }
  }
  for (const block of resources(files, 'aws_security_group_rule')) {
    const cidrs = [...listAttr(block.body, 'cidr_blocks'), ...listAttr(block.body, 'ipv6_cidr_blocks')].map(String);
    if (attr(block.body, 'type') === 'ingress' && cidrs.some((cidr) => WORLD.has(cidr))) problems.push(`${where(block)} allows ingress from the internet on port ${String(attr(block.body, 'from_port'))}`);
  }
  for (const block of resources(files, 'aws_security_group')) {
    for (const rule of nested(block.body, 'ingress')) {
      const cidrs = [...listAttr(rule, 'cidr_blocks'), ...listAttr(rule, 'ipv6_cidr_blocks')].map(String);
      if (cidrs.some((cidr) => WORLD.has(cidr))) problems.push(`${where(block)} has an inline ingress rule from the internet on port ${String(attr(rule, 'from_port'))}`);
    }
  }
  return problems;
}

function instances(files: HclFiles): string[] {
  return resources(files, 'aws_instance').flatMap((block) => {
    const problems: string[] = [];
    const metadata = nested(block.body, 'metadata_options')[0];
    if (attr(metadata, 'http_tokens') !== 'required') problems.push(`${where(block)} must require IMDSv2 (metadata_options.http_tokens = "required")`);
    const root = nested(block.body, 'root_block_device')[0];
    if (attr(root, 'encrypted') !== true) problems.push(`${where(block)} must encrypt its root volume`);
    if (attr(block.body, 'associate_public_ip_address') !== false) problems.push(`${where(block)} must not get a public IP address`);
    if (attr(block.body, 'ebs_optimized') !== true) problems.push(`${where(block)} must be EBS-optimised`);
    if (attr(block.body, 'monitoring') !== true) problems.push(`${where(block)} must have detailed monitoring`);
    return problems;
  });
}

function databases(files: HclFiles): string[] {
  const problems = resources(files, 'aws_db_instance').flatMap((block) => {
    const expected: Record<string, unknown> = {
      publicly_accessible: false,
      storage_encrypted: true,
      deletion_protection: true,
      iam_database_authentication_enabled: true,
      manage_master_user_password: true,
      copy_tags_to_snapshot: true,
    };
    const wrong = Object.entries(expected).filter(([key, value]) => attr(block.body, key) !== value).map(([key, value]) => `${where(block)} must set ${key} = ${String(value)}`);
    if (block.body.password !== undefined) wrong.push(`${where(block)} must not set a password in code (use manage_master_user_password)`);
    return wrong;
  });
  for (const block of resources(files, 'aws_db_parameter_group')) {
    const forceSsl = nested(block.body, 'parameter').find((parameter) => attr(parameter, 'name') === 'rds.force_ssl');
    if (String(attr(forceSsl, 'value')) !== '1') problems.push(`${where(block)} must set rds.force_ssl = 1`);
  }
  return problems;
}

/** Allow statements, in aws_iam_policy_document (actions) or jsonencode'd policies (Action). */
function wildcardActions(files: HclFiles): string[] {
  const problems: string[] = [];
  for (const [file, content] of Object.entries(files)) {
    for (const object of objectsIn(content)) {
      const effect = String(attr(object, 'effect') ?? attr(object, 'Effect') ?? 'Allow');
      if (effect === 'Deny') continue;
      for (const key of ['actions', 'Action', 'not_actions', 'NotAction']) {
        if (object[key] === undefined) continue;
        if (key.toLowerCase().startsWith('not')) problems.push(`${file}: an Allow statement uses ${key}, which allows everything else`);
        for (const action of listAttr(object, key).map(String)) {
          if (action.includes('*')) problems.push(`${file}: an Allow statement grants "${action}"; list the actions it needs`);
        }
      }
    }
  }
  return problems;
}

function broadManagedPolicies(files: HclFiles): string[] {
  const problems: string[] = [];
  for (const [file, content] of Object.entries(files)) {
    for (const object of objectsIn(content)) {
      for (const key of ['policy_arn', 'managed_policy_arns']) {
        for (const arn of listAttr(object, key).map(String)) {
          if (/FullAccess|AdministratorAccess/.test(arn)) problems.push(`${file}: attaches ${arn}; write a least-privilege policy instead`);
        }
      }
    }
  }
  return problems;
}

/** Each file that makes a bucket also blocks public access, versions, encrypts, and denies non-TLS requests. */
function buckets(files: HclFiles): string[] {
  const problems: string[] = [];
  for (const bucket of resources(files, 'aws_s3_bucket')) {
    const inFile = (type: string) => resources({ [bucket.file]: files[bucket.file]! }, type);
    const publicAccess = inFile('aws_s3_bucket_public_access_block')[0];
    for (const key of ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets']) {
      if (attr(publicAccess?.body, key) !== true) problems.push(`${where(bucket)}: ${key} must be true`);
    }
    const versioning = nested(inFile('aws_s3_bucket_versioning')[0]?.body, 'versioning_configuration')[0];
    if (attr(versioning, 'status') !== 'Enabled') problems.push(`${where(bucket)}: versioning must be Enabled`);
    const encryption = nested(nested(inFile('aws_s3_bucket_server_side_encryption_configuration')[0]?.body, 'rule')[0], 'apply_server_side_encryption_by_default')[0];
    if (!['aws:kms', 'AES256'].includes(String(attr(encryption, 'sse_algorithm')))) problems.push(`${where(bucket)}: default encryption must be set`);
    const statements = blocksOf({ [bucket.file]: files[bucket.file]! }, 'data')
      .filter((block) => block.type === 'aws_iam_policy_document')
      .flatMap((block) => nested(block.body, 'statement'));
    const denyWithoutTls = statements.some(
      (statement) => attr(statement, 'effect') === 'Deny' && nested(statement, 'condition').some((condition) => attr(condition, 'variable') === 'aws:SecureTransport' && listAttr(condition, 'values').map(String).includes('false')),
    );
    if (!denyWithoutTls) problems.push(`${where(bucket)}: the bucket policy must deny requests without TLS (aws:SecureTransport = false)`);
    if (inFile('aws_s3_bucket_policy').length === 0) problems.push(`${where(bucket)}: the bucket needs an aws_s3_bucket_policy`);
  }
  return problems;
}

function keysLambdasAndLogs(files: HclFiles): string[] {
  const problems: string[] = [];
  for (const key of resources(files, 'aws_kms_key')) {
    if (attr(key.body, 'enable_key_rotation') !== true) problems.push(`${where(key)} must rotate (enable_key_rotation = true)`);
  }
  for (const group of resources(files, 'aws_cloudwatch_log_group')) {
    if (attr(group.body, 'retention_in_days') === undefined) problems.push(`${where(group)} needs retention_in_days`);
    if (attr(group.body, 'kms_key_id') === undefined) problems.push(`${where(group)} must be encrypted with the KMS key`);
  }
  for (const fn of resources(files, 'aws_lambda_function')) {
    if (attr(fn.body, 'runtime') !== 'nodejs24.x') problems.push(`${where(fn)} must run on nodejs24.x`);
    if (!listAttr(fn.body, 'architectures').includes('arm64')) problems.push(`${where(fn)} must run on arm64`);
    if (attr(nested(fn.body, 'tracing_config')[0], 'mode') !== 'Active') problems.push(`${where(fn)} must trace with X-Ray`);
    if (nested(fn.body, 'dead_letter_config').length === 0) problems.push(`${where(fn)} needs a dead-letter queue`);
    for (const key of ['reserved_concurrent_executions', 'kms_key_arn', 'memory_size', 'timeout']) {
      if (attr(fn.body, key) === undefined) problems.push(`${where(fn)} must set ${key}`);
    }
  }
  for (const type of ['aws_secretsmanager_secret_version', 'aws_iam_access_key', 'aws_iam_user']) {
    for (const block of resources(files, type)) problems.push(`${where(block)}: ${type} puts secrets or long-lived keys in code and state`);
  }
  return problems;
}

export function securityProblems(files: HclFiles): string[] {
  return [...openIngress(files), ...instances(files), ...databases(files), ...wildcardActions(files), ...broadManagedPolicies(files), ...buckets(files), ...keysLambdasAndLogs(files)];
}
// #endregion security-rules
