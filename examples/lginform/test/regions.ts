/**
 * The named regions the site pulls snippets from (`# #region name` in HCL,
 * YAML and Dockerfiles, `// #region name` in TypeScript). A test per file
 * group checks that the ones the chapters use are there, so a rename fails
 * here, next to the code, before the site's build does.
 */
import { readFile } from 'node:fs/promises';

/** Regions the site pulls: each expected one in some file, and in every file each region opened and closed exactly once. */
export async function regionProblems(files: string[], expected: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  const found = new Set<string>();
  for (const file of files) {
    const counts = new Map<string, { open: number; close: number }>();
    const text = await readFile(file, 'utf8');
    for (const match of text.matchAll(/(?:#|\/\/)\s*#(region|endregion)\s+([\w-]+)/g)) {
      const entry = counts.get(match[2]!) ?? { open: 0, close: 0 };
      if (match[1] === 'region') entry.open += 1;
      else entry.close += 1;
      counts.set(match[2]!, entry);
    }
    for (const [name, { open, close }] of counts) {
      found.add(name);
      if (open !== 1 || close !== 1) problems.push(`${file}: region ${name} is opened ${open} and closed ${close} times (expected once each)`);
    }
  }
  return [...problems, ...expected.filter((name) => !found.has(name)).map((name) => `region ${name} is in none of the files`)];
}
