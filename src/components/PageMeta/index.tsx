import Admonition from '@theme/Admonition';
import type { ReactNode } from 'react';
import { isDueForReview, reviewDueDate, toIsoDate } from '../../lib/review-dates';
import { useSiteFields } from '../../lib/site-fields';
import styles from './styles.module.css';

type Props = { owner?: unknown; lastReviewed?: unknown };

function formatDate(isoDate: string): string {
  return new Date(`${isoDate}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** Who owns a page and when it was last reviewed, with a note once it is overdue. */
export default function PageMeta({ owner, lastReviewed }: Props): ReactNode {
  const { builtOn } = useSiteFields();
  const reviewed = toIsoDate(lastReviewed);
  const due = reviewed ? reviewDueDate(reviewed) : undefined;
  return (
    <>
      <dl className={styles.meta} aria-label="About this page">
        <div>
          <dt>Owner</dt>
          <dd>{typeof owner === 'string' && owner ? owner : 'Not set'}</dd>
        </div>
        <div>
          <dt>Last reviewed</dt>
          <dd>{reviewed ? <time dateTime={reviewed}>{formatDate(reviewed)}</time> : 'Not recorded'}</dd>
        </div>
        {due ? (
          <div>
            <dt>Next review</dt>
            <dd>
              <time dateTime={due}>{formatDate(due)}</time>
            </dd>
          </div>
        ) : null}
      </dl>
      {reviewed && isDueForReview(reviewed, builtOn) ? (
        <Admonition type="warning" title="Due for review">
          <p>
            Nobody has reviewed this page since {formatDate(reviewed)}. It may be out of date. Check it against the
            example it links to, and tell the owner if something looks wrong.
          </p>
        </Admonition>
      ) : null}
    </>
  );
}
