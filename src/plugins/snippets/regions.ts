/**
 * Named regions in source files.
 *
 * A region starts with a line holding `#region <name>` behind the file's own
 * comment mark and ends at the matching `#endregion`. Named regions, not line
 * numbers: a line range drifts silently when the file changes, a name does not.
 */

/** One comment mark for every language the site pulls from. */
const MARKER = String.raw`^\s*(?:\/\/|#|--|\/\*|<!--|\{\/\*)\s*#(region|endregion)\b\s*([\w.-]*)`;
const markerPattern = new RegExp(MARKER);

export type Region = {
  /** The region's text, marker lines removed and common indentation stripped. */
  text: string;
  /** 1-based line numbers of the first and last line of the text in the file. */
  startLine: number;
  endLine: number;
};

export class RegionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegionError';
  }
}

type Marker = { kind: 'region' | 'endregion'; name: string };

function readMarker(line: string): Marker | undefined {
  const match = markerPattern.exec(line);
  if (!match) return undefined;
  return { kind: match[1] as Marker['kind'], name: match[2] ?? '' };
}

/** Every region name in a file, in the order they open. */
export function listRegions(source: string): string[] {
  return source
    .split('\n')
    .map(readMarker)
    .filter((marker): marker is Marker => marker?.kind === 'region')
    .map((marker) => marker.name);
}

/** Removes the indentation that every non-blank line shares. */
export function dedent(lines: string[]): string[] {
  const indents = lines
    .filter((line) => line.trim() !== '')
    .map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common));
}

function trimBlankEdges(lines: string[], firstLine: number): { lines: string[]; firstLine: number } {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start += 1;
  while (end > start && lines[end - 1]!.trim() === '') end -= 1;
  return { lines: lines.slice(start, end), firstLine: firstLine + start };
}

/**
 * The text of one named region, or of the whole file when `name` is empty.
 * Nested region markers inside are dropped so a snippet never shows them.
 * Throws a RegionError that says what is wrong and which regions exist.
 */
export function extractRegion(source: string, name?: string): Region {
  const all = source.replace(/\r\n/g, '\n').split('\n');
  if (!name) {
    const kept = all.filter((line) => !readMarker(line));
    const trimmed = trimBlankEdges(kept, 1);
    return {
      text: dedent(trimmed.lines).join('\n'),
      startLine: trimmed.firstLine,
      endLine: trimmed.firstLine + trimmed.lines.length - 1,
    };
  }

  const starts = all.flatMap((line, index) => {
    const marker = readMarker(line);
    return marker?.kind === 'region' && marker.name === name ? [index] : [];
  });
  if (starts.length === 0) {
    const known = listRegions(source);
    throw new RegionError(
      `region "${name}" not found (regions in the file: ${known.length ? known.join(', ') : 'none'})`,
    );
  }
  if (starts.length > 1) {
    throw new RegionError(`region "${name}" opens ${starts.length} times; names must be unique in a file`);
  }

  const start = starts[0]!;
  let depth = 0;
  const body: { line: string; number: number }[] = [];
  for (let index = start + 1; index < all.length; index += 1) {
    const line = all[index]!;
    const marker = readMarker(line);
    if (marker?.kind === 'region') {
      depth += 1;
      continue;
    }
    if (marker?.kind === 'endregion') {
      if (depth === 0) {
        if (marker.name && marker.name !== name) {
          throw new RegionError(`region "${name}" is closed by "#endregion ${marker.name}" on line ${index + 1}`);
        }
        const trimmed = trimBlankEdges(
          body.map((entry) => entry.line),
          body[0]?.number ?? index + 1,
        );
        if (trimmed.lines.length === 0) throw new RegionError(`region "${name}" is empty`);
        return {
          text: dedent(trimmed.lines).join('\n'),
          startLine: trimmed.firstLine,
          endLine: trimmed.firstLine + trimmed.lines.length - 1,
        };
      }
      depth -= 1;
      continue;
    }
    body.push({ line, number: index + 1 });
  }
  throw new RegionError(`region "${name}" opens on line ${start + 1} but has no matching #endregion`);
}
