/**
 * Which lines of a Markdown file are inside fenced code blocks. A fence
 * closes only on the same character repeated at least as often, so a
 * ````-fenced example that shows a ``` block stays one block.
 */
export type MarkdownLine = { text: string; line: number; code: boolean; fence: boolean };

export function markdownLines(text: string): MarkdownLine[] {
  let open: { char: string; length: number } | undefined;
  return text.split(/\r?\n/).map((line, index) => {
    const fence = /^\s{0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    const marker = fence?.[1] ?? '';
    if (fence && open === undefined) {
      open = { char: marker.charAt(0), length: marker.length };
      return { text: line, line: index + 1, code: false, fence: true };
    }
    if (fence && open && marker.charAt(0) === open.char && marker.length >= open.length && (fence[2] ?? '').trim() === '') {
      open = undefined;
      return { text: line, line: index + 1, code: false, fence: true };
    }
    return { text: line, line: index + 1, code: open !== undefined, fence: false };
  });
}
