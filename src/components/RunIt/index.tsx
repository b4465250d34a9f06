import CodeBlock from '@theme/CodeBlock';
import Link from '@docusaurus/Link';
import type { ReactNode } from 'react';
import { useSiteFields } from '../../lib/site-fields';
import styles from './styles.module.css';

type Props = {
  /** The example's folder name under examples/, e.g. "lginform". */
  example: string;
  /** The one command that runs it, from the repository root. */
  command: string;
  /** What the example shows, in a sentence or two. */
  children: ReactNode;
};

/** "Run it": links a chapter to the example that demonstrates it. */
export default function RunIt({ example, command, children }: Props): ReactNode {
  const { repositoryUrl, commit } = useSiteFields();
  const folder = `examples/${example}`;
  return (
    <section className={styles.runIt} aria-labelledby={`run-it-${example}`}>
      <h2 className={styles.heading} id={`run-it-${example}`}>
        Run it: <Link href={`${repositoryUrl}/tree/${commit}/${folder}`}>{folder}</Link>
      </h2>
      <div className={styles.shows}>{children}</div>
      <p className={styles.label}>From the repository root, after <code>npm ci</code>:</p>
      <CodeBlock language="bash">{command}</CodeBlock>
    </section>
  );
}
