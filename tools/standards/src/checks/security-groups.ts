/**
 * No security group opens SSH (22), the Airflow UI (8080) or every port to
 * the whole internet. Terraform files are read with the small HCL scanner in
 * ../hcl.ts, which finds the three ways an inbound rule is written:
 *
 * - an `ingress { ... }` block inside `resource "aws_security_group"`;
 * - `resource "aws_security_group_rule"` with `type = "ingress"`;
 * - `resource "aws_vpc_security_group_ingress_rule"`.
 *
 * Limits: only literal values are judged. A port or CIDR from a variable,
 * a local or a `dynamic "ingress"` block is not resolved, and `ingress = [...]`
 * written as an attribute is not read; checkov over the plan covers those.
 */
import { allBlocks, type Attribute, type Block, literalOf, parseHcl } from '../hcl.ts';
import { type Finding, type Repo } from '../repo.ts';

const WORLD = new Set(['0.0.0.0/0', '::/0']);
const WATCHED_PORTS: [number, string][] = [
  [22, 'SSH'],
  [8080, 'the Airflow UI'],
];

type RuleShape = { protocol: string; cidrs: string[] };
const CLASSIC: RuleShape = { protocol: 'protocol', cidrs: ['cidr_blocks', 'ipv6_cidr_blocks'] };
const VPC_RULE: RuleShape = { protocol: 'ip_protocol', cidrs: ['cidr_ipv4', 'cidr_ipv6'] };

/** The inbound rules in a file, each with the attribute names its resource type uses. */
function inboundRules(root: Block): { block: Block; shape: RuleShape }[] {
  const rules: { block: Block; shape: RuleShape }[] = [];
  for (const block of allBlocks(root)) {
    if (block.type !== 'resource') continue;
    const resourceType = block.labels[0];
    if (resourceType === 'aws_security_group') {
      for (const child of block.blocks) if (child.type === 'ingress') rules.push({ block: child, shape: CLASSIC });
    } else if (resourceType === 'aws_security_group_rule' && literalOf(block.attributes.get('type')) === 'ingress') {
      rules.push({ block, shape: CLASSIC });
    } else if (resourceType === 'aws_vpc_security_group_ingress_rule') {
      rules.push({ block, shape: VPC_RULE });
    }
  }
  return rules;
}

/** The first string token equal to a world CIDR, with its line. */
function worldCidr(attributes: (Attribute | undefined)[]): { cidr: string; line: number } | undefined {
  for (const attribute of attributes) {
    const token = attribute?.value.find((candidate) => candidate.kind === 'string' && WORLD.has(candidate.text));
    if (token) return { cidr: token.text, line: token.line };
  }
  return undefined;
}

/** What the rule opens: every port, some watched ports, or nothing this check can tell. */
function exposure(block: Block, shape: RuleShape): string | undefined {
  const protocol = literalOf(block.attributes.get(shape.protocol))?.toLowerCase();
  if (protocol === '-1' || protocol === 'all') return 'every port';
  if (protocol === 'icmp' || protocol === 'icmpv6' || protocol === '1' || protocol === '58') return undefined;
  const from = Number(literalOf(block.attributes.get('from_port')));
  const to = Number(literalOf(block.attributes.get('to_port')));
  if (!Number.isInteger(from) || !Number.isInteger(to)) return undefined;
  if (from <= 0 && to >= 65535) return 'every port';
  const opened = WATCHED_PORTS.filter(([port]) => from <= port && port <= to);
  return opened.length === 0 ? undefined : opened.map(([port, name]) => `port ${port} (${name})`).join(' and ');
}

export function checkSecurityGroups(repo: Repo): Finding[] {
  const findings: Finding[] = [];
  for (const file of repo.files.filter((name) => name.endsWith('.tf'))) {
    for (const { block, shape } of inboundRules(parseHcl(repo.read(file) ?? ''))) {
      const world = worldCidr(shape.cidrs.map((name) => block.attributes.get(name)));
      const opened = world && exposure(block, shape);
      if (world && opened) {
        findings.push({ file, line: world.line, message: `An inbound rule opens ${opened} to ${world.cidr}; reach the host through Session Manager instead.` });
      }
    }
  }
  return findings;
}
