/**
 * Makes a complete JSON document from a truncated one, for the fake API.
 *
 * The archived API samples stop after 2,000 characters, part-way through the
 * JSON. This keeps the text up to the last comma between two complete
 * members or items, byte for byte, and closes the brackets still open. So a
 * served body is the real response's first members, nothing invented.
 *
 * Regenerate the committed files (from the repository root):
 *   npx tsx examples/lginform/fake-api/close-partial-json.ts ../shared/fixtures/lginform examples/lginform/fake-api/data/fixtures
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Opener = { char: '{' | '['; at: number };

export function closePartialJson(text: string): string {
  const lastComma = scan(text).lastComma;
  if (lastComma === undefined) throw new Error('No complete member to keep: the text has no comma outside a string.');
  const kept = text.slice(0, lastComma);
  const open = scan(kept).stack;

  let closing = '';
  let previousLine = -1;
  for (const opener of [...open].reverse()) {
    const lineStart = kept.lastIndexOf('\n', opener.at) + 1;
    const closer = opener.char === '{' ? '}' : ']';
    if (lineStart === previousLine) closing += closer;
    else closing += `\n${/^ */.exec(kept.slice(lineStart))?.[0] ?? ''}${closer}`;
    previousLine = lineStart;
  }
  const closed = `${kept}${closing}\n`;
  JSON.parse(closed);
  return closed;
}

function scan(text: string): { stack: Opener[]; lastComma: number | undefined } {
  const stack: Opener[] = [];
  let lastComma: number | undefined;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') stack.push({ char, at: i });
    else if (char === '}' || char === ']') stack.pop();
    else if (char === ',') lastComma = i;
  }
  return { stack, lastComma };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [from, to] = process.argv.slice(2);
  if (!from || !to) throw new Error('Usage: close-partial-json.ts <folder of *.json.partial> <output folder>');
  for (const name of readdirSync(from).filter((file) => file.endsWith('.json.partial'))) {
    writeFileSync(join(to, name.replace(/\.json\.partial$/, '.json')), closePartialJson(readFileSync(join(from, name), 'utf8')));
  }
}
