/**
 * Writes scaffold-tree.txt: the tree of a repository made by
 * `de-standards new` with the default choices, which the site's
 * project-structure page shows. A test checks the committed file is current.
 *
 *   npx tsx tools/standards/scripts/write-scaffold-tree.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TREE_OPTIONS } from '../src/scaffold/options.ts';
import { scaffoldTree } from '../src/scaffold/tree.ts';

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../scaffold-tree.txt');
writeFileSync(target, scaffoldTree(DEFAULT_TREE_OPTIONS));
console.log(`Wrote ${path.relative(process.cwd(), target)}`);
