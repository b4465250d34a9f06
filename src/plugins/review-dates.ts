/**
 * Docusaurus plugin: gathers every doc's owner and review date after the docs
 * load, so the "due for review" page lists them without reading files itself.
 */
import type { LoadContext, Plugin } from '@docusaurus/types';
import { toIsoDate, type ReviewedPage } from '../lib/review-dates';

type LoadedDoc = { title: string; permalink: string; frontMatter: Record<string, unknown> };
type DocsContent = { loadedVersions: { docs: LoadedDoc[] }[] };

export type ReviewDatesData = { pages: ReviewedPage[] };

export default function reviewDatesPlugin(_context: LoadContext): Plugin {
  return {
    name: 'review-dates',
    async allContentLoaded({ allContent, actions }) {
      const docsPlugin = allContent['docusaurus-plugin-content-docs'] as Record<string, DocsContent> | undefined;
      const docs = Object.values(docsPlugin ?? {}).flatMap((content) =>
        content.loadedVersions.flatMap((version) => version.docs),
      );
      const pages: ReviewedPage[] = docs.map((doc) => ({
        title: doc.title,
        permalink: doc.permalink,
        owner: String(doc.frontMatter.owner ?? ''),
        lastReviewed: toIsoDate(doc.frontMatter.last_reviewed) ?? '',
      }));
      actions.setGlobalData({ pages } satisfies ReviewDatesData);
    },
  };
}
