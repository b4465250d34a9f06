/**
 * Least privilege in IAM: no AWS-managed `*FullAccess` policy, and no
 * statement that allows every action. Terraform and JSON files are read as
 * tokens (../hcl.ts), so comments never count and a policy written as JSON,
 * as `jsonencode({ Action = "*" })`, as a heredoc or as an
 * `aws_iam_policy_document` (`actions = ["*"]`) is seen the same way.
 *
 * Limits: only `*` itself is flagged, not a service wildcard such as `s3:*`
 * (a deny statement often needs one); a policy built from variables, or
 * held as an escaped JSON string, is not read.
 */
import { type Token, tokenise } from '../hcl.ts';
import { type Finding, type Repo } from '../repo.ts';

/** An AWS-managed policy ARN, or the bare name of one (as in `data "aws_iam_policy"`). */
const FULL_ACCESS = /^(arn:aws[\w-]*:iam::aws:policy\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]*FullAccess|[A-Z][A-Za-z0-9]*FullAccess)$/;

function policyFiles(repo: Repo): string[] {
  return repo.files.filter((file) => file.endsWith('.tf') || (file.endsWith('.json') && !file.endsWith('package-lock.json')));
}

/** The file's tokens, with each heredoc's text tokenised in place (policies are often heredocs). */
function tokensOf(text: string): Token[] {
  return tokenise(text).flatMap((token) => (token.heredoc ? tokenise(token.text, token.line) : [token]));
}

export function checkFullAccessPolicies(repo: Repo): Finding[] {
  const findings: Finding[] = [];
  for (const file of policyFiles(repo)) {
    for (const token of tokensOf(repo.read(file) ?? '')) {
      if (token.kind === 'string' && FULL_ACCESS.test(token.text)) {
        const name = token.text.slice(token.text.lastIndexOf('/') + 1);
        findings.push({ file, line: token.line, message: `Attaches the AWS-managed policy ${name}; write a policy that names the resources instead.` });
      }
    }
  }
  return findings;
}

const ACTION_KEYS = new Set(['action', 'actions']);

/** Next token that is not a line break. */
function nextIndex(tokens: Token[], from: number): number {
  let i = from;
  while (tokens[i]?.kind === 'newline') i++;
  return i;
}

/** The `"*"` tokens in the value that starts at `start`: one string, or a list. */
function wildcardsInValue(tokens: Token[], start: number): Token[] {
  const first = tokens[start];
  if (first?.kind === 'string') return first.text === '*' ? [first] : [];
  if (first?.kind !== 'punct' || first.text !== '[') return [];
  const found: Token[] = [];
  for (let i = start + 1; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.kind === 'punct' && token.text === ']') break;
    if (token.kind === 'string' && token.text === '*') found.push(token);
  }
  return found;
}

export function checkWildcardActions(repo: Repo): Finding[] {
  const findings: Finding[] = [];
  for (const file of policyFiles(repo)) {
    const tokens = tokensOf(repo.read(file) ?? '');
    tokens.forEach((token, index) => {
      if ((token.kind !== 'ident' && token.kind !== 'string') || !ACTION_KEYS.has(token.text.toLowerCase())) return;
      const separatorIndex = nextIndex(tokens, index + 1);
      const separator = tokens[separatorIndex];
      if (separator?.kind !== 'punct' || (separator.text !== ':' && separator.text !== '=')) return;
      for (const wildcard of wildcardsInValue(tokens, nextIndex(tokens, separatorIndex + 1))) {
        findings.push({ file, line: wildcard.line, message: `An IAM statement allows every action ("${token.text}": "*"); list the actions the job needs.` });
      }
    });
  }
  return findings;
}
