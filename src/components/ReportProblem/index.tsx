import Link from '@docusaurus/Link';
import { useLocation } from '@docusaurus/router';
import type { ReactNode } from 'react';
import { useSiteFields } from '../../lib/site-fields';
import styles from './styles.module.css';

/** The address of a new issue, filled in with the page and the commit it was built from. */
export function reportProblemUrl(repositoryUrl: string, pageUrl: string, commit: string): string {
  const body = [
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
      <Link href={reportProblemUrl(repositoryUrl, `${siteUrl}${pathname}`, commit)}>Report a problem with this page</Link>
    </div>
  );
}
