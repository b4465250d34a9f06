import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';
import { pagesDueForReview } from '../../lib/review-dates';
import { useSiteFields } from '../../lib/site-fields';
import type { ReviewDatesData } from '../../plugins/review-dates';

/**
 * Every page past its review date, so owners can see what to check next. The
 * review-dates plugin gives this page, and only this page, the list of pages.
 */
export default function DueForReview({ reviewDates }: { reviewDates: ReviewDatesData }): ReactNode {
  const { pages } = reviewDates;
  const { builtOn } = useSiteFields();
  const overdue = pagesDueForReview(pages, builtOn);
  return (
    <Layout title="Pages due for review" description="Pages whose last review was more than 12 months ago.">
      <main className="container margin-vert--lg">
        <h1>Pages due for review</h1>
        <p>
          Every page is reviewed at least once every 12 months by its owner. This list was made when the site was built,
          on {builtOn}, from the <code>last_reviewed</code> date of all {pages.length} pages.
        </p>
        {overdue.length === 0 ? (
          <p>No page is due for review.</p>
        ) : (
          <table>
            <caption className="sr-only">Pages past their review date, longest overdue first</caption>
            <thead>
              <tr>
                <th scope="col">Page</th>
                <th scope="col">Owner</th>
                <th scope="col">Last reviewed</th>
                <th scope="col">Due since</th>
              </tr>
            </thead>
            <tbody>
              {overdue.map((page) => (
                <tr key={page.permalink}>
                  <td>
                    <Link to={page.permalink}>{page.title}</Link>
                  </td>
                  <td>{page.owner}</td>
                  <td>{page.lastReviewed}</td>
                  <td>{page.dueSince}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>
          To review a page, read it against the example it links to, fix what is wrong, and set <code>last_reviewed</code>{' '}
          to today in the same pull request. <Link to="/about/contributing">How to change a standard</Link> explains the
          steps.
        </p>
      </main>
    </Layout>
  );
}
