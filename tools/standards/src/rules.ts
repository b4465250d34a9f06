/**
 * The standards as one list of rules: the CLI checks and reports them, and
 * (later) the site and the pull-request template render them, so the three
 * cannot drift. Ids are stable: never renumber a rule, retire it instead.
 */
import { checkActionlint } from './checks/actionlint.ts';
import { checkCheckov } from './checks/checkov.ts';
import { checkFullAccessPolicies, checkWildcardActions } from './checks/iam.ts';
import { checkNonRootUser, checkPinnedBaseImage } from './checks/docker.ts';
import { checkCodeowners, checkGitignore, checkPullRequestTemplate, checkReadme } from './checks/required-files.ts';
import { checkSecrets } from './checks/secrets.ts';
import { checkSecurityGroups } from './checks/security-groups.ts';
import { checkSudoPip } from './checks/sudo-pip.ts';
import { checkTests } from './checks/tests.ts';
import { type CheckContext, type CheckOutcome } from './checks/tools.ts';
import { checkWorkflowKeys } from './checks/workflows.ts';
import { type Repo } from './repo.ts';

export type Level = 'MUST' | 'SHOULD';

type RuleBase = {
  id: string;
  level: Level;
  title: string;
  /** Why it matters, in one sentence. */
  why: string;
  /** The site page that states the rule, as its path on the site. */
  page: string;
};
/**
 * A rule a machine checks: its findings, or NotRun when the check needs an
 * outside tool that is missing (checkov, actionlint), so it never passes
 * without having run.
 */
export type CheckedRule = RuleBase & { check: (repo: Repo, context: CheckContext) => CheckOutcome };
export type ReviewerRule = RuleBase & { reviewerOnly: true };
export type Rule = CheckedRule | ReviewerRule;

export function isChecked(rule: Rule): rule is CheckedRule {
  return 'check' in rule;
}

export const RULES: readonly Rule[] = [
  {
    id: 'DES-001',
    level: 'MUST',
    title: 'The README says what the pipeline does, how to run it, how to test it and who owns it',
    why: 'A colleague must be able to pick up the pipeline from the README alone when its author is away.',
    page: '/project-setup/project-structure',
    check: checkReadme,
  },
  {
    id: 'DES-002',
    level: 'MUST',
    title: 'The .gitignore keeps out .env, *.pem, .terraform/ and virtual environments',
    why: 'Environment files, keys and Terraform state can hold secrets, and a secret once committed stays in history.',
    page: '/project-setup/project-structure',
    check: checkGitignore,
  },
  {
    id: 'DES-003',
    level: 'MUST',
    title: 'A CODEOWNERS file names who reviews each part',
    why: 'GitHub then asks the right people to review every change, so no change merges unseen by its owners.',
    page: '/project-setup/project-structure',
    check: checkCodeowners,
  },
  {
    id: 'DES-004',
    level: 'MUST',
    title: 'A pull-request template asks what changed, why and how it was tested',
    why: 'The template puts the review checklist in front of every author and reviewer.',
    page: '/project-setup/project-structure',
    check: checkPullRequestTemplate,
  },
  {
    id: 'DES-005',
    level: 'MUST',
    title: 'Workflows reach AWS through OIDC, with no stored access keys',
    why: 'A stored key never expires and any workflow can send it elsewhere, while an OIDC credential lasts an hour and serves one repository.',
    page: '/delivery/github-actions',
    check: checkWorkflowKeys,
  },
  {
    id: 'DES-006',
    level: 'MUST',
    title: 'No security group opens port 22, port 8080 or every port to 0.0.0.0/0 or ::/0',
    why: 'Bots find an open SSH or Airflow port within minutes, and Session Manager needs no open port at all.',
    page: '/infrastructure/ec2',
    check: checkSecurityGroups,
  },
  {
    id: 'DES-007',
    level: 'MUST',
    title: 'No IAM role or user gets an AWS-managed *FullAccess policy',
    why: 'A FullAccess policy lets anyone who reaches the role read or change every resource of that service in the account.',
    page: '/access-and-security/security',
    check: checkFullAccessPolicies,
  },
  {
    id: 'DES-008',
    level: 'MUST',
    title: 'No IAM statement allows every action ("Action": "*")',
    why: 'Least privilege limits the damage of a mistake or a break-in to what the job needs.',
    page: '/access-and-security/security',
    check: checkWildcardActions,
  },
  {
    id: 'DES-009',
    level: 'MUST',
    title: 'No script, Dockerfile or documentation installs Python packages with sudo pip install',
    why: "It writes into the system's own Python, can break the operating system's tools and mixes every project's versions.",
    page: '/infrastructure/ec2',
    check: checkSudoPip,
  },
  {
    id: 'DES-010',
    level: 'MUST',
    title: 'The container runs as a non-root user',
    why: 'A break-in through the pipeline then gets an unprivileged user, not root.',
    page: '/infrastructure/docker-and-environments',
    check: checkNonRootUser,
  },
  {
    id: 'DES-011',
    level: 'MUST',
    title: 'Every base image is pinned to a version tag or a digest',
    why: 'An unpinned tag such as latest changes under you, so two builds of one commit can differ.',
    page: '/infrastructure/docker-and-environments',
    check: checkPinnedBaseImage,
  },
  {
    id: 'DES-012',
    level: 'MUST',
    title: 'The repository has tests and declares the one command that runs them',
    why: 'CI and a newcomer can then run every test the same way, without asking.',
    page: '/project-setup/project-structure',
    check: checkTests,
  },
  {
    id: 'DES-013',
    level: 'SHOULD',
    title: 'A pull request does one thing, and its description says why',
    why: 'A small change with its reason can be reviewed properly and undone on its own.',
    page: '/delivery/version-control',
    reviewerOnly: true,
  },
  {
    id: 'DES-014',
    level: 'MUST',
    title: 'No secrets, keys or personal data are in the diff, including test fixtures and screenshots',
    why: 'Anything committed stays in history, so a leaked secret must be rotated and personal data reported.',
    page: '/delivery/version-control',
    reviewerOnly: true,
  },
  {
    id: 'DES-015',
    level: 'MUST',
    title: 'Every step stays idempotent: running it twice for one date gives the same result',
    why: 'Retries and backfills are then safe, with no duplicated or half-loaded data.',
    page: '/principles/idempotency',
    reviewerOnly: true,
  },
  {
    id: 'DES-016',
    level: 'SHOULD',
    title: 'The README, the runbook and the site still match what the code does',
    why: 'Wrong documentation is worse than none: the person on call acts on it.',
    page: '/project-setup/documentation',
    reviewerOnly: true,
  },
  {
    id: 'DES-017',
    level: 'MUST',
    title: 'Tests cover the new behaviour, and they pass locally and in CI',
    why: 'A test that exists for every change is what lets the next person change the code without fear.',
    page: '/quality-and-monitoring/unit-testing',
    reviewerOnly: true,
  },
  {
    id: 'DES-018',
    level: 'SHOULD',
    title: 'Names say what things do, and comments say why',
    why: 'Code is read far more often than it is written, mostly by someone other than its author.',
    page: '/project-setup/code-standards',
    reviewerOnly: true,
  },
  {
    id: 'DES-019',
    level: 'MUST',
    title: 'No secret is committed: secretlint finds no key, token or password',
    why: 'A secret in Git is in every clone and in history for good, so it must be rotated the moment it is pushed.',
    page: '/delivery/version-control',
    check: checkSecrets,
  },
  {
    id: 'DES-020',
    level: 'MUST',
    title: 'checkov passes over the Terraform, and every check skipped inline gives its reason',
    why: 'Checkov knows hundreds of AWS misconfigurations, such as unencrypted storage or a public bucket, that a reviewer can miss.',
    page: '/infrastructure/terraform',
    check: checkCheckov,
  },
  {
    id: 'DES-021',
    level: 'MUST',
    title: 'actionlint passes over every GitHub Actions workflow',
    why: 'A workflow error otherwise shows only when the workflow runs, often on main or in the middle of a deployment.',
    page: '/delivery/github-actions',
    check: checkActionlint,
  },
];
