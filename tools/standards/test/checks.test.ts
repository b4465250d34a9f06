/** Each check on small repositories held in memory: the cases the fixtures do not show. */
import { describe, expect, it } from 'vitest';
import { checkNonRootUser, checkPinnedBaseImage } from '../src/checks/docker.ts';
import { checkFullAccessPolicies, checkWildcardActions } from '../src/checks/iam.ts';
import { checkCodeowners, checkGitignore, checkPullRequestTemplate, checkReadme } from '../src/checks/required-files.ts';
import { checkSecurityGroups } from '../src/checks/security-groups.ts';
import { checkSudoPip } from '../src/checks/sudo-pip.ts';
import { checkTests } from '../src/checks/tests.ts';
import { checkWorkflowKeys } from '../src/checks/workflows.ts';
import { isIgnored } from '../src/gitignore.ts';
import { memoryRepo } from '../src/repo.ts';

const lines = (findings: { file: string; line?: number }[]): string[] => findings.map(({ file, line }) => `${file}:${line ?? '-'}`);

describe('security groups (DES-006)', () => {
  it('finds SSH open to ::/0 in an aws_security_group_rule, but not an egress rule', () => {
    const tf = [
      'resource "aws_security_group_rule" "ssh" {',
      '  type             = "ingress"',
      '  from_port        = 22',
      '  to_port          = 22',
      '  protocol         = "tcp"',
      '  ipv6_cidr_blocks = ["::/0"]',
      '}',
      'resource "aws_security_group_rule" "out" {',
      '  type        = "egress"',
      '  from_port   = 22',
      '  to_port     = 22',
      '  protocol    = "tcp"',
      '  cidr_blocks = ["0.0.0.0/0"]',
      '}',
    ].join('\n');
    const findings = checkSecurityGroups(memoryRepo({ 'main.tf': tf }));
    expect(lines(findings)).toEqual(['main.tf:6']);
    expect(findings[0]?.message).toMatch(/port 22 \(SSH\) to ::\/0/);
  });

  it('finds every port open through ip_protocol -1 or a 0-65535 range, and leaves 443 and private ranges alone', () => {
    const tf = [
      '# A comment with a brace { and 0.0.0.0/0 changes nothing',
      'resource "aws_vpc_security_group_ingress_rule" "all" {',
      '  description = "${var.name} {all}"',
      '  ip_protocol = "-1"',
      '  cidr_ipv4   = "0.0.0.0/0"',
      '}',
      'resource "aws_security_group" "web" {',
      '  ingress {',
      '    from_port   = 0',
      '    to_port     = 65535',
      '    protocol    = "tcp"',
      '    cidr_blocks = [',
      '      "10.0.0.0/8",',
      '      "0.0.0.0/0",',
      '    ]',
      '  }',
      '  ingress {',
      '    from_port   = 443',
      '    to_port     = 443',
      '    protocol    = "tcp"',
      '    cidr_blocks = ["0.0.0.0/0"]',
      '  }',
      '  ingress {',
      '    from_port   = 22',
      '    to_port     = 22',
      '    protocol    = "tcp"',
      '    cidr_blocks = ["10.40.0.0/16"]',
      '  }',
      '}',
    ].join('\n');
    const findings = checkSecurityGroups(memoryRepo({ 'sg.tf': tf }));
    expect(lines(findings)).toEqual(['sg.tf:5', 'sg.tf:14']);
    for (const finding of findings) expect(finding.message).toMatch(/every port/);
  });
});

describe('IAM (DES-007, DES-008)', () => {
  it('finds "*" in a jsonencode list, in a heredoc and in a policy document, but not s3:* or comments', () => {
    const tf = [
      'resource "aws_iam_policy" "a" {',
      '  policy = jsonencode({',
      '    Statement = [{',
      '      Effect = "Allow"',
      '      Action = ["s3:GetObject",',
      '        "*"]',
      '    }]',
      '  })',
      '}',
      'resource "aws_iam_policy" "b" {',
      '  policy = <<EOF',
      '{',
      '  "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }]',
      '}',
      'EOF',
      '}',
      'data "aws_iam_policy_document" "c" {',
      '  statement {',
      '    effect  = "Deny"',
      '    actions = ["s3:*"] # never actions = ["*"]',
      '  }',
      '  statement {',
      '    actions = ["*"]',
      '  }',
      '}',
    ].join('\n');
    expect(lines(checkWildcardActions(memoryRepo({ 'iam.tf': tf })))).toEqual(['iam.tf:6', 'iam.tf:13', 'iam.tf:23']);
  });

  it('finds a FullAccess policy by ARN or by name, in JSON too, but not AdministratorAccess-like prose', () => {
    const repo = memoryRepo({
      'iam.tf': 'data "aws_iam_policy" "ec2" {\n  name = "AmazonEC2FullAccess"\n}\n# Never AmazonS3FullAccess\n',
      'roles.json': '{\n  "ManagedPolicyArns": ["arn:aws:iam::aws:policy/service-role/AWSGlueServiceFullAccess"]\n}\n',
      'notes.json': '{ "text": "We never attach AmazonS3FullAccess." }',
    });
    expect(lines(checkFullAccessPolicies(repo))).toEqual(['iam.tf:2', 'roles.json:2']);
  });
});

describe('workflows (DES-005)', () => {
  it('finds stored keys in env and run lines, but not in comments or outside a workflows folder', () => {
    const workflow = [
      'jobs:',
      '  deploy:',
      '    env:',
      '      AWS_SECRET_ACCESS_KEY: ${{ secrets.DEPLOY_SECRET }}',
      '    steps:',
      '      # Never ${{ secrets.AWS_ACCESS_KEY_ID }}',
      '      - run: |',
      '          aws s3 ls --profile "${{ secrets.AWS_ACCESS_KEY_ID }}"',
      '# aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}',
    ].join('\n');
    const repo = memoryRepo({ '.github/workflows/ci.yaml': workflow, 'docs/example.yml': 'aws-access-key-id: x\n' });
    expect(lines(checkWorkflowKeys(repo))).toEqual(['.github/workflows/ci.yaml:4', '.github/workflows/ci.yaml:8']);
  });
});

describe('Dockerfiles (DES-010, DES-011)', () => {
  it('follows the final stage back to the stage it builds on for its user', () => {
    const inherits = 'FROM node:24.19.0 AS base\nUSER node\nFROM base\nCMD ["node"]\n';
    const rootAgain = 'FROM node:24.19.0\nUSER node\nRUN id\nUSER 0:0\n';
    const noUser = 'FROM node:24.19.0 AS build\nUSER node\n\nFROM node:24.19.0-slim\nCMD ["node"]\n';
    const repo = memoryRepo({ 'a/Dockerfile': inherits, 'b/Dockerfile': rootAgain, 'c/Dockerfile': noUser });
    expect(lines(checkNonRootUser(repo))).toEqual(['b/Dockerfile:4', 'c/Dockerfile:4']);
  });

  it('accepts a version tag, a digest or a build argument with a version default, and nothing else', () => {
    const dockerfile = [
      'ARG NODE_VERSION=24.19.0',
      'FROM node:${NODE_VERSION}-slim AS a',
      'FROM --platform=linux/amd64 node@sha256:0123456789abcdef AS b',
      'FROM ubuntu',
      'FROM registry.example.com:5000/team/tool',
      'FROM node:lts-slim',
      'FROM $UNSET',
      'FROM \\',
      '  python:latest',
    ].join('\n');
    const repo = memoryRepo({ 'Dockerfile.prod': dockerfile, 'Dockerfile.dockerignore': 'FROM x\n', 'test/dockerfile.test.ts': 'FROM x\n' });
    const findings = checkPinnedBaseImage(repo);
    expect(lines(findings)).toEqual(['Dockerfile.prod:4', 'Dockerfile.prod:5', 'Dockerfile.prod:6', 'Dockerfile.prod:7', 'Dockerfile.prod:8']);
    expect(findings[1]?.message).toMatch(/has no tag/);
  });
});

describe('sudo pip install (DES-009)', () => {
  it('finds it in Markdown code blocks and Dockerfiles, not in prose or comments', () => {
    const markdown = 'Never run `sudo pip install`.\n\n````text\n```bash\nsudo -H python3 -m pip install pandas\n```\n````\n';
    const repo = memoryRepo({
      'README.md': markdown,
      Dockerfile: 'FROM python:3.13\n# sudo pip install x\nRUN sudo pip3 install x\n',
      'setup.sh': 'sudo pip install --upgrade pip\n',
    });
    expect(lines(checkSudoPip(repo))).toEqual(['Dockerfile:3', 'README.md:5', 'setup.sh:1']);
  });
});

describe('required files (DES-001 to DES-004)', () => {
  it('reports a missing README without a line, and an empty one at line 1', () => {
    expect(lines(checkReadme(memoryRepo({})))).toEqual(['README.md:-']);
    expect(lines(checkReadme(memoryRepo({ 'README.md': '\n' })))).toEqual(['README.md:1']);
  });

  it('counts an "Owner:" line but not headings inside code blocks', () => {
    const readme = '# P\n\n```text\n## How to run it\n## Tests\n```\n\nOwner: the data team\n';
    expect(checkReadme(memoryRepo({ 'README.md': readme })).map((finding) => finding.message)).toEqual([
      'README.md has no section on how to run it.',
      'README.md has no section on how to run its tests.',
    ]);
  });

  it('reads .gitignore patterns as Git does: globs, folders only, and re-includes', () => {
    expect(isIgnored('.env*\n', { path: '.env', folder: false })).toBe(true);
    expect(isIgnored('.env\n!.env\n', { path: '.env', folder: false })).toBe(false);
    expect(isIgnored('**/.terraform/\n', { path: 'terraform/.terraform', folder: true })).toBe(true);
    expect(isIgnored('.terraform/\n', { path: 'terraform/.terraform', folder: false })).toBe(false);
    expect(isIgnored('/venv/\n', { path: 'venv', folder: true })).toBe(true);
    expect(isIgnored('certs/*.pem\n', { path: 'deploy/server.pem', folder: false })).toBe(false);
    const gitignore = '.env\n*.pem\n.terraform/\nvenv/\n';
    expect(checkGitignore(memoryRepo({ '.gitignore': gitignore }))).toEqual([]);
  });

  it('finds CODEOWNERS and the pull-request template in any of the places GitHub reads them', () => {
    expect(checkCodeowners(memoryRepo({ 'docs/CODEOWNERS': '* @team\n' }))).toEqual([]);
    expect(checkCodeowners(memoryRepo({ 'src/CODEOWNERS': '* @team\n' }))).toHaveLength(1);
    expect(checkPullRequestTemplate(memoryRepo({ '.github/PULL_REQUEST_TEMPLATE.md': '## What\n' }))).toEqual([]);
    expect(checkPullRequestTemplate(memoryRepo({ '.github/pull_request_template/feature.md': '## What\n' }))).toEqual([]);
    expect(lines(checkPullRequestTemplate(memoryRepo({ '.github/pull_request_template.md': ' \n' })))).toEqual(['.github/pull_request_template.md:1']);
  });
});

describe('tests (DES-012)', () => {
  it("treats npm's placeholder test script as no test command, and accepts a pytest.ini", () => {
    const placeholder = '{\n  "scripts": {\n    "test": "echo \\"Error: no test specified\\" && exit 1"\n  }\n}\n';
    expect(lines(checkTests(memoryRepo({ 'package.json': placeholder, 'src/a.test.ts': '' })))).toEqual(['package.json:2']);
    expect(checkTests(memoryRepo({ 'pytest.ini': '[pytest]\n', 'tests/test_a.py': '' }))).toEqual([]);
  });
});
