import clsx from 'clsx';
import type { ReactNode } from 'react';
import type { RuleJson } from './data';
import styles from './styles.module.css';

/** MUST or SHOULD as a badge: the word says it, the style only repeats it. */
export default function Level({ level }: { level: RuleJson['level'] }): ReactNode {
  return (
    <span className={clsx(styles.level, level === 'MUST' ? styles.must : styles.should)} data-level={level}>
      {level}
    </span>
  );
}

/** Who checks a rule, in words; `short` for a table whose column already says "Checked by". */
export function CheckedBy({ rule, short = false }: { rule: RuleJson; short?: boolean }): ReactNode {
  if (rule.checkedBy === 'machine') {
    return short ? (
      <code>de-standards check</code>
    ) : (
      <>
        Checked automatically by <code>de-standards check</code>
      </>
    );
  }
  return short ? <>The reviewer, with the pull-request template</> : <>Checked by the reviewer (in the pull-request template)</>;
}
