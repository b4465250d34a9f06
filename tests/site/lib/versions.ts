/**
 * The PostgreSQL major versions a page names, so a test can hold them to the
 * version the examples really run. "from PostgreSQL 17 to 18" records a
 * change and is not a claim about today.
 */
export type VersionMention = { line: number; version: number; text: string };

export function postgresVersionsNamed(source: string): VersionMention[] {
  return source.split('\n').flatMap((text, index) =>
    [...text.matchAll(/(from )?PostgreSQL (\d{2})\b/g)]
      .filter((match) => match[1] === undefined)
      .map((match) => ({ line: index + 1, version: Number(match[2]), text: text.trim() })),
  );
}
