/**
 * Docusaurus plugin: gathers every doc's owner and review date after the docs
 * load, so the "due for review" page lists them without reading files itself.
 * The list is that page's own data, not global data: global data goes into the
 * script every page loads.
 */
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { toIsoDate, type ReviewedPage } from '../lib/review-dates';

type LoadedDoc = { title: string; permalink: string; frontMatter: Record<string, unknown> };
type DocsContent = { loadedVersions: { docs: LoadedDoc[] }[] };

export type ReviewDatesData = { pages: ReviewedPage[] };

/** Where the list of pages due for review is served. */
export const DUE_FOR_REVIEW_PATH = '/due-for-review';

export default function reviewDatesPlugin(context: LoadContext): Plugin {
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
      const reviewDates = await actions.createData('review-dates.json', JSON.stringify({ pages } satisfies ReviewDatesData));
      actions.addRoute({
        path: `${context.baseUrl.replace(/\/$/, '')}${DUE_FOR_REVIEW_PATH}`,
        component: path.join(context.siteDir, 'src/components/DueForReview/index.tsx'),
        modules: { reviewDates },
        exact: true,
      });
    },
  };
}
