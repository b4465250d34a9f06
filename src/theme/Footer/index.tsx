import type { WrapperProps } from '@docusaurus/types';
import Footer from '@theme-original/Footer';
import type FooterType from '@theme/Footer';
import type { ReactNode } from 'react';
import ReportProblem from '../../components/ReportProblem';

type Props = WrapperProps<typeof FooterType>;

/** Puts "Report a problem with this page" above the footer of every page. */
export default function FooterWrapper(props: Props): ReactNode {
  return (
    <>
      <ReportProblem />
      <Footer {...props} />
    </>
  );
}
