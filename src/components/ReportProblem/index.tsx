import Link from '@docusaurus/Link';
import { useLocation } from '@docusaurus/router';
import type { ReactNode } from 'react';
import { useSiteFields } from '../../lib/site-fields';
import styles from './styles.module.css';

/**
 * Issues on the repository are public. The warning sits beside the link and
 * again at the top of the issue, where the reader types.
 */
export const PUBLIC_ISSUE_WARNING =
  'Issues are public. Do not include personal data: no names, addresses, case or reference numbers of residents or staff, and no screenshots of them.';

/** The address of a new issue, filled in with the page and the commit it was built from. */
export function reportProblemUrl(repositoryUrl: string, pageUrl: string, commit: string): string {
  const body = [
    `> ${PUBLIC_ISSUE_WARNING}`,
    '',
    `Page: ${pageUrl}`,
    `Built from commit: ${commit}`,
    '',
    'What is wrong, or what did you expect to find?',
    '',
  ].join('\n');
  const query = new URLSearchParams({ title: `Problem with ${pageUrl}`, body, labels: 'site feedback' });
  return `${repositoryUrl}/issues/new?${query.toString()}`;
}

/** "Report a problem with this page", on every page. */
export default function ReportProblem(): ReactNode {
  const { repositoryUrl, commit, siteUrl } = useSiteFields();
  const { pathname } = useLocation();
  return (
    <div className={styles.report}>
      <Link href={reportProblemUrl(repositoryUrl, `${siteUrl}${pathname}`, commit)} aria-describedby="report-problem-warning">
        Report a problem with this page
      </Link>
      <p id="report-problem-warning" className={styles.warning}>
        {PUBLIC_ISSUE_WARNING}
      </p>
    </div>
  );
}
