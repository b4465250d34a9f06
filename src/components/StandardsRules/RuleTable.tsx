import Link from '@docusaurus/Link';
import useBrokenLinks from '@docusaurus/useBrokenLinks';
import { useAnchorTargetClassName } from '@docusaurus/theme-common';
import clsx from 'clsx';
import type { ReactNode } from 'react';
import { ruleAnchor, useStandardsRules, type RuleJson } from './data';
import Level, { CheckedBy } from './Level';
import styles from './styles.module.css';

type Props = {
  /** The level of each page's heading: one below the heading the table sits under. */
  headingLevel?: 2 | 3 | 4;
};

function RuleRow({ rule }: { rule: RuleJson }): ReactNode {
  const anchor = ruleAnchor(rule.id);
  // Register the anchor, so the build checks links such as /project-setup/rules#des-006.
  useBrokenLinks().collectAnchor(anchor);
  // Keeps the row clear of the sticky navigation bar when a link jumps to it.
  const targetClass = useAnchorTargetClassName(anchor);
  return (
    <tr>
      <th scope="row" id={anchor} className={clsx(styles.idCell, targetClass)}>
        <a href={`#${anchor}`}>{rule.id}</a>
        <br />
        <Level level={rule.level} />
      </th>
      <td>
        <strong>{rule.title}</strong>
        <br />
        {rule.why}
      </td>
      <td className={styles.checker}>
        <CheckedBy rule={rule} short />
      </td>
    </tr>
  );
}

/**
 * Every rule of the standards, grouped by the page that states it, in the
 * order of the rule list. Each rule's id is an anchor (#des-006).
 */
export default function StandardsRuleTable({ headingLevel = 3 }: Props): ReactNode {
  const { rules, pageTitles } = useStandardsRules();
  const Heading = `h${headingLevel}` as const;
  const pages = [...new Set(rules.map((rule) => rule.page))];
  const count = (test: (rule: RuleJson) => boolean) => rules.filter(test).length;
  return (
    <div className={styles.table}>
      <p>
        {rules.length} rules: {count((rule) => rule.level === 'MUST')} MUST and {count((rule) => rule.level === 'SHOULD')} SHOULD.{' '}
        <code>de-standards check</code> checks {count((rule) => rule.checkedBy === 'machine')} of them, and the reviewer checks the
        other {count((rule) => rule.checkedBy === 'reviewer')}.
      </p>
      {pages.map((page) => {
        const title = pageTitles[page] ?? page;
        const stated = rules.filter((rule) => rule.page === page);
        return (
          <section key={page}>
            <Heading>
              <Link to={page}>{title}</Link>
            </Heading>
            <table>
              <caption className="sr-only">The rules stated on the page {title}</caption>
              <thead>
                <tr>
                  <th scope="col">Id and level</th>
                  <th scope="col">Rule, and why</th>
                  <th scope="col">Checked by</th>
                </tr>
              </thead>
              <tbody>
                {stated.map((rule) => (
                  <RuleRow key={rule.id} rule={rule} />
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}
