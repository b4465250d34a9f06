import { useDoc } from '@docusaurus/plugin-content-docs/client';
import type { WrapperProps } from '@docusaurus/types';
import Content from '@theme-original/DocItem/Content';
import type ContentType from '@theme/DocItem/Content';
import type { ReactNode } from 'react';
import PageMeta from '../../../components/PageMeta';
import StandardsOnThisPage from '../../../components/StandardsRules';

type Props = WrapperProps<typeof ContentType>;

/**
 * Every doc page opens with its owner and review date. A page that states
 * rules of the standards (`standards` in its front matter) ends with them.
 */
export default function ContentWrapper(props: Props): ReactNode {
  const { frontMatter } = useDoc();
  const meta = frontMatter as { owner?: unknown; last_reviewed?: unknown; standards?: unknown };
  return (
    <>
      <PageMeta owner={meta.owner} lastReviewed={meta.last_reviewed} />
      <Content {...props} />
      <StandardsOnThisPage standards={meta.standards} />
    </>
  );
}
