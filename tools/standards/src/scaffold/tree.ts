/**
 * scaffoldTree: a `tree`-like listing of a new repository, with a short note
 * beside the parts a newcomer looks for. The site's project-structure page
 * shows it (scaffold-tree.txt, written by scripts/write-scaffold-tree.ts).
 */
import { type ScaffoldOptions } from './options.ts';
import { planScaffold } from './plan.ts';

/** Notes by path; a folder's path ends with "/". */
const NOTES: Readonly<Record<string, string>> = {
  'README.md': 'what, why, how to run, how to test, who owns it',
  '.gitignore': 'keeps out .env, *.pem, .terraform/, venvs, node_modules',
  '.nvmrc': 'the Node.js version (24)',
  '.npmrc': '@rbk-lbs packages from GitHub Packages',
  'package.json': 'scripts: start, build, lint, typecheck, test',
  'Dockerfile': 'pinned node:24 slim base, non-root user',
  '.github/CODEOWNERS': 'who reviews each part',
  '.github/pull_request_template.md': 'the review checklist',
  '.github/workflows/': 'CI on pull requests, deployment on main (OIDC)',
  'src/': 'the pipeline: extract, transform, load, and its CLI',
  'test/': 'Vitest: the transform, and a whole run against a fake API',
  'lambda/': 'the Lambda handler (nodejs24.x)',
  'airflow/dags/': 'the DAG that runs the CLI each day',
  'dbt/': 'the dbt project: sources, staging models, tests',
  'terraform/': 'modules/, and environments/dev and environments/prod',
  'docs/requirements.md': 'the agreed requirements note',
  'docs/data-flow.md': 'the data-flow diagram (Mermaid) in words',
  'docs/data-protection.md': 'personal data, lawful basis, retention',
  'docs/decisions/': 'decisions that belong to this pipeline only',
  'vendor/': 'the kit, packed, until it is published',
};

type Folder = Map<string, Folder | null>;

function insert(root: Folder, filePath: string): void {
  const parts = filePath.split('/');
  let folder = root;
  parts.forEach((part, index) => {
    if (index === parts.length - 1) {
      folder.set(part, null);
      return;
    }
    let next = folder.get(part);
    if (!next) {
      next = new Map();
      folder.set(part, next);
    }
    folder = next;
  });
}

export function treeOfPaths(rootName: string, paths: readonly string[]): string {
  const root: Folder = new Map();
  for (const filePath of paths) insert(root, filePath);
  const rows: { text: string; note?: string }[] = [{ text: `${rootName}/` }];
  const visit = (folder: Folder, prefix: string, parentPath: string): void => {
    const names = [...folder.keys()].sort((a, b) => (a < b ? -1 : 1));
    names.forEach((name, index) => {
      const child = folder.get(name);
      const last = index === names.length - 1;
      const display = child ? `${name}/` : name;
      const fullPath = `${parentPath}${display}`;
      rows.push({ text: `${prefix}${last ? '└── ' : '├── '}${display}`, ...(NOTES[fullPath] ? { note: NOTES[fullPath] } : {}) });
      if (child) visit(child, `${prefix}${last ? '    ' : '│   '}`, fullPath);
    });
  };
  visit(root, '', '');
  const width = Math.max(0, ...rows.filter((row) => row.note).map((row) => row.text.length)) + 2;
  return `${rows.map((row) => (row.note ? `${row.text.padEnd(width)}${row.note}` : row.text)).join('\n')}\n`;
}

export function scaffoldTree(options: ScaffoldOptions): string {
  return treeOfPaths(options.name, planScaffold(options).map((file) => file.path));
}
