/**
 * The template files under tools/standards/templates/, one folder per layer:
 * `base` for every repository, then one per runtime and `dbt`. A name that
 * starts with `dot-` is written with a leading dot (`dot-gitignore` is
 * `.gitignore`), so the templates themselves are not a .gitignore or a
 * .github folder that Git or GitHub would act on here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export type TemplateFile = {
  layer: string;
  /** The path inside the layer, with forward slashes, as stored (`dot-github/CODEOWNERS`). */
  source: string;
  text: string;
  executable: boolean;
};

const cache = new Map<string, TemplateFile[]>();

/** Every file of a layer, in path order. Read once per process. */
export function readLayer(layer: string, dir: string = TEMPLATES_DIR): TemplateFile[] {
  const key = path.join(dir, layer);
  let files = cache.get(key);
  if (files === undefined) {
    files = walk(key, '').map((source) => {
      const file = path.join(key, source);
      return { layer, source, text: readFileSync(file, 'utf8'), executable: (statSync(file).mode & 0o111) !== 0 };
    });
    cache.set(key, files);
  }
  return files;
}

function walk(root: string, relative: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
    const file = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) found.push(...walk(root, file));
    else if (entry.isFile()) found.push(file);
  }
  return found.sort();
}

/** The path a template is written to: each `dot-` segment becomes a leading dot. */
export function outputPath(source: string): string {
  return source
    .split('/')
    .map((segment) => (segment.startsWith('dot-') ? `.${segment.slice(4)}` : segment))
    .join('/');
}
