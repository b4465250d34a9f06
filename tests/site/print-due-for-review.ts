/**
 * Prints a warning for every page past its review date. It never fails the
 * run: an overdue page is a job for its owner, not a broken build.
 */
import path from 'node:path';
import { pagesDueForReview, toIsoDate } from '../../src/lib/review-dates';
import { readPages, ROOT_DIR } from './lib/pages';

const today = new Date().toISOString().slice(0, 10);
const pages = readPages(path.join(ROOT_DIR, 'docs')).map((page) => ({
  title: String(page.frontMatter.title ?? page.file),
  permalink: page.file,
  owner: String(page.frontMatter.owner ?? 'no owner'),
  lastReviewed: toIsoDate(page.frontMatter.last_reviewed) ?? '0000-01-01',
}));
const overdue = pagesDueForReview(pages, today);
if (overdue.length === 0) {
  console.log(`All ${pages.length} pages were reviewed in the last 12 months.`);
} else {
  for (const page of overdue) {
    console.warn(`warning: ${page.permalink} is due for review since ${page.dueSince} (owner: ${page.owner}, last reviewed ${page.lastReviewed})`);
  }
  console.warn(`warning: ${overdue.length} of ${pages.length} pages are due for review; see /due-for-review on the site.`);
}
