import Link from '@docusaurus/Link';
import type { ReactNode } from 'react';
import styles from './styles.module.css';

type Props = { path: string; href: string; lines: string };

/** Under every pulled snippet: the file and lines it came from, which CI runs. */
export default function SnippetSource({ path, href, lines }: Props): ReactNode {
  const [first, last] = lines.split('-');
  return (
    <p className={styles.source}>
      From <Link href={href}>{path}</Link>, lines {first} to {last}. CI runs this file, so the code above works.
    </p>
  );
}
