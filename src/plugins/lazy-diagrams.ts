/**
 * Docusaurus plugin: keeps the diagram library out of the "common" chunk.
 *
 * Docusaurus puts any module used by half the pages into one chunk that every
 * page loads. Mermaid's parser (langium, chevrotain) lands there, adding about
 * 140 KB gzip to pages with no diagram. Excluding it leaves it in the chunk
 * that loads only when a page draws a diagram.
 */
import type { Plugin } from '@docusaurus/types';

const DIAGRAM_MODULES = /[\\/]node_modules[\\/](?:langium|chevrotain|chevrotain-allstar|@chevrotain|@mermaid-js|mermaid|vscode-languageserver[^\\/]*|vscode-jsonrpc)[\\/]/;

type CacheGroup = { test?: unknown };
type ModuleLike = { resource?: string; nameForCondition?: () => string | null };

export default function lazyDiagramsPlugin(): Plugin {
  return {
    name: 'lazy-diagrams',
    configureWebpack(config, isServer) {
      const splitChunks = config.optimization?.splitChunks;
      const common = splitChunks && typeof splitChunks === 'object' ? (splitChunks.cacheGroups?.common as CacheGroup | undefined) : undefined;
      if (!isServer && common) {
        common.test = (module: ModuleLike) => !DIAGRAM_MODULES.test(module.nameForCondition?.() ?? module.resource ?? '');
      }
      return {};
    },
  };
}
