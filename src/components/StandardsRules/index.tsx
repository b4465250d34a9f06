import Link from '@docusaurus/Link';
import type { ReactNode } from 'react';
import { RULES_LIST_PAGE, ruleAnchor, rulesClaimedBy, useStandardsRules } from './data';
import Level, { CheckedBy } from './Level';
import styles from './styles.module.css';

const HEADING_ID = 'standards-on-this-page';

/**
 * "Standards on this page": the rules a page lists in its `standards` front
 * matter, each with its id, level, title, why and who checks it. Renders
 * nothing on a page that lists none.
 */
export default function StandardsOnThisPage({ standards }: { standards: unknown }): ReactNode {
  const { rules } = useStandardsRules();
  const claimed = rulesClaimedBy(standards, rules);
  if (claimed.length === 0) return null;
  return (
    <section className={styles.box} aria-labelledby={HEADING_ID}>
      <h2 className={styles.heading} id={HEADING_ID}>
        Standards on this page
      </h2>
      <p className={styles.intro}>
        {claimed.length === 1 ? 'This page states one rule' : `This page states ${claimed.length} rules`} from the{' '}
        <Link to={RULES_LIST_PAGE}>list of every rule</Link>. Quote the id when you discuss a rule.
      </p>
      <ul className={styles.rules}>
        {claimed.map((rule) => (
          <li key={rule.id} className={styles.rule}>
            <p className={styles.ruleHead}>
              <Link className={styles.id} to={`${RULES_LIST_PAGE}#${ruleAnchor(rule.id)}`}>
                {rule.id}
              </Link>{' '}
              <Level level={rule.level} /> <strong>{rule.title}</strong>
            </p>
            <p className={styles.why}>
              <span className={styles.label}>Why:</span> {rule.why}
            </p>
            <p className={styles.checkedBy}>
              <CheckedBy rule={rule} />.
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
