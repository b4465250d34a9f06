import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Code, Root } from 'mdast';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterAll, describe, expect, it } from 'vitest';
import remarkPullSnippets, { parseSnippetReference } from '../../src/plugins/snippets/remark-pull-snippets';
import { extractRegion, listRegions } from '../../src/plugins/snippets/regions';

describe('extractRegion', () => {
  it('takes a TypeScript region and drops its markers', () => {
    const source = ['import x from "y";', '// #region load-copy', 'const a = 1;', 'const b = 2;', '// #endregion', 'done();'].join('\n');
    expect(extractRegion(source, 'load-copy')).toEqual({ text: 'const a = 1;\nconst b = 2;', startLine: 3, endLine: 4 });
  });

  it('understands the comment marks of Python, YAML, HCL, Dockerfile and SQL', () => {
    expect(extractRegion('# #region dag\nwith DAG():\n    pass\n# #endregion dag', 'dag').text).toBe('with DAG():\n    pass');
    expect(extractRegion('-- #region staging\nselect 1\n-- #endregion', 'staging').text).toBe('select 1');
    expect(extractRegion('FROM node:24\n# #region user\nUSER node\n# #endregion', 'user').text).toBe('USER node');
  });

  it('removes shared indentation and nested markers', () => {
    const source = ['class A {', '  // #region outer', '  a() {', '    // #region inner', '    return 1;', '    // #endregion inner', '  }', '  // #endregion outer', '}'].join('\n');
    expect(extractRegion(source, 'outer').text).toBe('a() {\n  return 1;\n}');
    expect(extractRegion(source, 'inner').text).toBe('return 1;');
    expect(listRegions(source)).toEqual(['outer', 'inner']);
  });

  it('returns the whole file without markers when no region is named', () => {
    expect(extractRegion('// #region a\nx\n// #endregion\ny\n').text).toBe('x\ny');
  });

  it('says which regions exist when one is missing', () => {
    expect(() => extractRegion('// #region a\nx\n// #endregion', 'b')).toThrow('region "b" not found (regions in the file: a)');
  });

  it('refuses an unclosed, duplicated, empty or wrongly closed region', () => {
    expect(() => extractRegion('// #region a\nx', 'a')).toThrow('no matching #endregion');
    expect(() => extractRegion('// #region a\nx\n// #endregion\n// #region a\ny\n// #endregion', 'a')).toThrow('opens 2 times');
    expect(() => extractRegion('// #region a\n\n// #endregion', 'a')).toThrow('is empty');
    expect(() => extractRegion('// #region a\nx\n// #endregion b', 'a')).toThrow('closed by "#endregion b"');
  });
});

describe('parseSnippetReference', () => {
  it('reads file=path#region from the meta string, with other meta around it', () => {
    expect(parseSnippetReference('file=examples/kit/src/a.ts#load showLineNumbers')).toEqual({ file: 'examples/kit/src/a.ts', region: 'load' });
    expect(parseSnippetReference('showLineNumbers file="tests/a.py"')).toEqual({ file: 'tests/a.py', region: undefined });
    expect(parseSnippetReference('title="x"')).toBeUndefined();
    expect(parseSnippetReference(null)).toBeUndefined();
  });
});

describe('remarkPullSnippets', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'snippets-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, 'examples/demo/src'), { recursive: true });
  writeFileSync(path.join(root, 'examples/demo/src/load.ts'), 'setup();\n// #region load-copy\nawait copy(rows);\n// #endregion\n');

  function pull(markdown: string) {
    const processor = unified()
      .use(remarkParse)
      .use(remarkMdx)
      .use(remarkPullSnippets, { rootDir: root, sourceUrl: 'https://example.org/blob/abc123' });
    const tree = processor.parse(markdown) as Root;
    processor.runSync(tree, { path: path.join(root, 'docs/storage/load.md') } as never);
    return tree;
  }

  it('fills the block, titles it with the path and links to the lines', () => {
    const tree = pull('```ts file=examples/demo/src/load.ts#load-copy showLineNumbers\n```\n');
    const [code, source] = tree.children as [Code, { name: string; attributes: { name: string; value: string }[] }];
    expect(code.value).toBe('await copy(rows);');
    expect(code.meta).toBe('showLineNumbers title="examples/demo/src/load.ts"');
    expect(source.name).toBe('SnippetSource');
    expect(source.attributes.find((a) => a.name === 'href')?.value).toBe(
      'https://example.org/blob/abc123/examples/demo/src/load.ts#L3-L3',
    );
  });

  it('fails with the page, the file and the region when the region marker is gone', () => {
    expect(() => pull('```ts file=examples/demo/src/load.ts#load-batches\n```\n')).toThrow(
      'Snippet error in docs/storage/load.md: examples/demo/src/load.ts#load-batches: region "load-batches" not found (regions in the file: load-copy)',
    );
  });

  it('fails with the page and the file when the file is gone', () => {
    expect(() => pull('```ts file=examples/demo/src/gone.ts#x\n```\n')).toThrow(
      'Snippet error in docs/storage/load.md: examples/demo/src/gone.ts#x: file not found',
    );
  });

  it('refuses code typed into a pulled block, and paths that leave the repository', () => {
    expect(() => pull('```ts file=examples/demo/src/load.ts#load-copy\npasted();\n```\n')).toThrow('must be empty');
    expect(() => pull('```ts file=../outside.ts\n```\n')).toThrow('leaves the repository');
  });
});
