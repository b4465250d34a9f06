import type { ReactNode } from 'react';
import styles from './styles.module.css';

type Props = { title?: string; children: ReactNode };

/**
 * A list of things the reader will have done by the end of a step. Plain list
 * items, so it reads well in a screen reader and in print.
 */
export default function Checklist({ title = 'By the end of this step you will have', children }: Props): ReactNode {
  return (
    <section className={styles.checklist} aria-label={title}>
      <p className={styles.title}>{title}:</p>
      {children}
    </section>
  );
}
