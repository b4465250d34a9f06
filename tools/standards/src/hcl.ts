/**
 * Just enough of HCL (Terraform) to find blocks and their attributes, with
 * line numbers, and no dependency on Terraform itself.
 *
 * What it understands: blocks (`type "label" { ... }`, also on one line),
 * attributes (`name = value`, with values that span lines inside brackets),
 * strings with `${...}` interpolation, heredocs, and `#`, `//` and block
 * comments, so a brace or a CIDR in a comment or a string never confuses it.
 * The tokeniser also reads JSON, which the IAM checks rely on.
 *
 * What it does not do: evaluate anything. A value built from a variable,
 * a local, a function call or a `dynamic` block is not resolved, so a check
 * that needs a literal (a port number, a CIDR) cannot see through it.
 */

export type Token = {
  kind: 'ident' | 'string' | 'number' | 'punct' | 'newline';
  text: string;
  line: number;
  /** A heredoc's text: its lines start on `line`. */
  heredoc?: boolean;
};

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[\w-]/;
const TWO_CHAR_OPERATORS = new Set(['==', '!=', '<=', '>=', '=>', '&&', '||']);

export function tokenise(text: string, firstLine = 1): Token[] {
  const tokens: Token[] = [];
  let line = firstLine;
  let i = 0;
  const push = (kind: Token['kind'], value: string, at = line): void => {
    tokens.push({ kind, text: value, line: at });
  };

  while (i < text.length) {
    const ch = text[i] ?? '';
    const next = text[i + 1] ?? '';
    if (ch === '\n') {
      push('newline', '\n');
      line++;
      i++;
    } else if (/\s/.test(ch)) {
      i++;
    } else if (ch === '#' || (ch === '/' && next === '/')) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      line += countNewlines(text, i, stop);
      i = stop;
    } else if (ch === '"') {
      const start = line;
      const end = endOfString(text, i);
      const raw = text.slice(i + 1, Math.max(i + 1, end - 1));
      line += countNewlines(text, i, end);
      push('string', raw.replace(/\\(["\\])/g, '$1'), start);
      i = end;
    } else if (ch === '<' && next === '<' && /^<<-?[A-Za-z_]/.test(text.slice(i, i + 4))) {
      const header = /^<<-?([A-Za-z_][\w-]*)[^\n]*\n?/.exec(text.slice(i));
      const marker = header?.[1] ?? '';
      const bodyStart = i + (header?.[0].length ?? 2);
      const lines = text.slice(bodyStart).split('\n');
      const closing = lines.findIndex((candidate) => candidate.trim() === marker);
      const bodyLines = closing === -1 ? lines : lines.slice(0, closing);
      tokens.push({ kind: 'string', text: bodyLines.join('\n'), line: line + 1, heredoc: true });
      // Resume at the end of the closing marker's line; its newline is tokenised as usual.
      const bodyLength = bodyLines.length === 0 ? 0 : bodyLines.join('\n').length + 1;
      line += 1 + bodyLines.length;
      i = closing === -1 ? text.length : bodyStart + bodyLength + (lines[closing]?.length ?? 0);
    } else if (IDENT_START.test(ch)) {
      let end = i + 1;
      while (end < text.length && IDENT_PART.test(text[end] ?? '')) end++;
      push('ident', text.slice(i, end));
      i = end;
    } else if (/\d/.test(ch)) {
      const match = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
      const value = match?.[0] ?? ch;
      push('number', value);
      i += value.length;
    } else {
      const pair = ch + next;
      const value = TWO_CHAR_OPERATORS.has(pair) ? pair : ch;
      push('punct', value);
      i += value.length;
    }
  }
  return tokens;
}

/** Offset just past the closing quote of the string opening at `start`, stepping over `${...}`. */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') {
      i += 2;
    } else if (ch === '"') {
      return i + 1;
    } else if ((ch === '$' || ch === '%') && text[i + 1] === '{') {
      i = endOfTemplate(text, i + 2);
    } else {
      i++;
    }
  }
  return text.length;
}

/** Offset just past the `}` that closes an interpolation, which may hold strings of its own. */
function endOfTemplate(text: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < text.length && depth > 0) {
    const ch = text[i];
    if (ch === '"') {
      i = endOfString(text, i);
      continue;
    }
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    i++;
  }
  return i;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (text[i] === '\n') count++;
  return count;
}

export type Attribute = { name: string; line: number; value: Token[] };
export type Block = { type: string; labels: string[]; line: number; attributes: Map<string, Attribute>; blocks: Block[] };

/** The file's top-level blocks (its body, as a block with no type). */
export function parseHcl(text: string): Block {
  const tokens = tokenise(text);
  const root: Block = { type: '', labels: [], line: 1, attributes: new Map(), blocks: [] };
  parseBody(tokens, 0, root);
  return root;
}

/** Reads attributes and blocks into `block` until its closing brace; returns the index after it. */
function parseBody(tokens: Token[], start: number, block: Block): number {
  let i = start;
  while (i < tokens.length) {
    const token = tokens[i];
    if (token === undefined) break;
    if (token.kind === 'punct' && token.text === '}') return i + 1;
    if (token.kind !== 'ident') {
      i++;
      continue;
    }
    const following = tokens[i + 1];
    if (following?.kind === 'punct' && following.text === '=') {
      const end = endOfExpression(tokens, i + 2);
      block.attributes.set(token.text, { name: token.text, line: token.line, value: tokens.slice(i + 2, end) });
      i = end;
      continue;
    }
    // A block header: the type, then labels, then `{`.
    const labels: string[] = [];
    let j = i + 1;
    while (tokens[j]?.kind === 'string' || tokens[j]?.kind === 'ident') labels.push(tokens[j++]?.text ?? '');
    if (tokens[j]?.kind === 'punct' && tokens[j]?.text === '{') {
      const child: Block = { type: token.text, labels, line: token.line, attributes: new Map(), blocks: [] };
      block.blocks.push(child);
      i = parseBody(tokens, j + 1, child);
    } else {
      i = j + 1;
    }
  }
  return i;
}

/** Index of the end of an attribute's value: the first newline (or `}` of a one-line block) outside brackets. */
function endOfExpression(tokens: Token[], start: number): number {
  let depth = 0;
  let i = start;
  for (; i < tokens.length; i++) {
    const { kind, text } = tokens[i] as Token;
    if (kind === 'newline' && depth === 0) break;
    if (kind !== 'punct') continue;
    if (text === '(' || text === '[' || text === '{') depth++;
    if (text === ')' || text === ']' || text === '}') {
      if (depth === 0) break;
      depth--;
    }
  }
  return i;
}

/** Every block in the tree, depth first. */
export function allBlocks(block: Block): Block[] {
  return block.blocks.flatMap((child) => [child, ...allBlocks(child)]);
}

/** The attribute's value when it is one literal string or number (a leading minus allowed), else undefined. */
export function literalOf(attribute: Attribute | undefined): string | undefined {
  const value = attribute?.value ?? [];
  if (value.length === 1 && (value[0]?.kind === 'string' || value[0]?.kind === 'number')) return value[0].text;
  if (value.length === 2 && value[0]?.text === '-' && value[1]?.kind === 'number') return `-${value[1].text}`;
  return undefined;
}
