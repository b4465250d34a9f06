/**
 * The site's whole configuration, built by one function so that tests can
 * build a small copy of the site with the same rules (broken links fail,
 * snippets are pulled) from a folder of their own.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type * as Preset from '@docusaurus/preset-classic';
import type { Config } from '@docusaurus/types';
import { darkCodeTheme, lightCodeTheme } from './code-themes';
import remarkPullSnippets from '../plugins/snippets/remark-pull-snippets';

/** The repository, named once: "Edit this page", "Report a problem" and snippet links all use it. */
export const REPOSITORY_URL = process.env.SITE_REPOSITORY_URL ?? 'https://github.com/rbk-lbs-data/data-engineering-standards';
export const DEFAULT_BRANCH = 'main';

function builtFromCommit(rootDir: string): string {
  if (process.env.GITHUB_SHA) return process.env.GITHUB_SHA;
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: rootDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // A copy of the site outside git still builds; links then point at the branch.
    return DEFAULT_BRANCH;
  }
}

export type SiteOptions = {
  /** The repository root: snippet paths and "edit" links are relative to it. */
  rootDir: string;
  /** The docs folder, relative to the site folder. */
  docsPath?: string;
  /** Build date as YYYY-MM-DD; review notes compare against it. */
  builtOn?: string;
};

export function createSiteConfig(options: SiteOptions): Config {
  const commit = builtFromCommit(options.rootDir);
  const builtOn = options.builtOn ?? process.env.SITE_BUILT_ON ?? new Date().toISOString().slice(0, 10);
  const sourceUrl = `${REPOSITORY_URL}/blob/${commit}`;
  const snippets = [remarkPullSnippets, { rootDir: options.rootDir, sourceUrl }] as const;

  return {
    title: 'Data engineering standards',
    tagline: 'How the RBK and LBS data team builds data pipelines on AWS, with examples that run.',
    favicon: 'img/favicon.svg',
    url: process.env.SITE_URL ?? 'https://rbk-lbs-data.github.io',
    baseUrl: process.env.SITE_BASE_URL ?? '/',
    organizationName: 'rbk-lbs-data',
    projectName: 'data-engineering-standards',
    trailingSlash: false,

    // Docusaurus Faster (Rspack, SWC, Lightning CSS) and the v4 defaults, but
    // without CSS cascade layers: their polyfill outranks the site's own
    // colours, which the contrast checks rely on.
    future: {
      v4: {
        removeLegacyPostBuildHeadAttribute: true,
        useCssCascadeLayers: false,
        siteStorageNamespacing: true,
        fasterByDefault: true,
        mdx1CompatDisabledByDefault: true,
      },
    },

    onBrokenLinks: 'throw',
    onBrokenAnchors: 'throw',
    onDuplicateRoutes: 'throw',
    markdown: {
      mermaid: true,
      hooks: { onBrokenMarkdownLinks: 'throw', onBrokenMarkdownImages: 'throw' },
    },

    i18n: { defaultLocale: 'en-GB', locales: ['en-GB'] },

    customFields: { repositoryUrl: REPOSITORY_URL, commit, builtOn },

    presets: [
      [
        'classic',
        {
          docs: {
            path: options.docsPath ?? 'docs',
            routeBasePath: '/',
            sidebarPath: './sidebars.ts',
            editUrl: `${REPOSITORY_URL}/edit/${DEFAULT_BRANCH}/`,
            showLastUpdateTime: true,
            beforeDefaultRemarkPlugins: [snippets],
          },
          pages: { beforeDefaultRemarkPlugins: [snippets] },
          blog: false,
          theme: { customCss: './src/css/custom.css' },
          sitemap: { lastmod: 'date', changefreq: null, priority: null },
        } satisfies Preset.Options,
      ],
    ],

    themes: [
      '@docusaurus/theme-mermaid',
      [
        '@easyops-cn/docusaurus-search-local',
        {
          hashed: true,
          language: ['en'],
          indexDocs: true,
          indexBlog: false,
          indexPages: true,
          docsRouteBasePath: '/',
          // Off: highlighting loads mark.js (about 9 KB gzip) on every page.
          highlightSearchTermsOnTargetPage: false,
          searchBarShortcutHint: false,
        },
      ],
    ],

    plugins: [
      path.join(options.rootDir, 'src/plugins/review-dates.ts'),
      path.join(options.rootDir, 'src/plugins/lazy-diagrams.ts'),
      // The standards' rules: the box on each page that states one, the list of them all, and /standards/rules.json.
      path.join(options.rootDir, 'src/plugins/standards-rules.ts'),
    ],

    themeConfig: {
      colorMode: { respectPrefersColorScheme: true },
      docs: { sidebar: { hideable: true } },
      navbar: {
        title: 'Data engineering standards',
        logo: { alt: 'Home', src: 'img/logo.svg', width: 32, height: 32 },
        items: [
          { to: '/start-here', label: 'Start here', position: 'left', activeBaseRegex: '^/start-here' },
          { type: 'docSidebar', sidebarId: 'standards', label: 'Standards', position: 'left' },
          { to: '/due-for-review', label: 'Due for review', position: 'right' },
          { href: REPOSITORY_URL, label: 'GitHub', position: 'right' },
        ],
      },
      footer: {
        style: 'dark',
        links: [
          {
            title: 'This site',
            items: [
              { label: 'Accessibility statement', to: '/about/accessibility-statement' },
              { label: 'Pages due for review', to: '/due-for-review' },
              { label: 'How to change a standard', to: '/about/contributing' },
            ],
          },
          {
            title: 'Source',
            items: [
              { label: 'Repository', href: REPOSITORY_URL },
              { label: 'Report a problem', href: `${REPOSITORY_URL}/issues/new` },
            ],
          },
        ],
        copyright: `Royal Borough of Kingston upon Thames and London Borough of Sutton data team. Built from commit ${commit.slice(0, 12)} on ${builtOn}.`,
      },
      mermaid: { theme: { light: 'neutral', dark: 'dark' } },
      prism: {
        theme: lightCodeTheme,
        darkTheme: darkCodeTheme,
        // Python, YAML and JSON come with prism-react-renderer; naming them again ships them twice.
        additionalLanguages: ['bash', 'hcl', 'sql', 'docker', 'toml', 'ini'],
      },
    } satisfies Preset.ThemeConfig,
  };
}
