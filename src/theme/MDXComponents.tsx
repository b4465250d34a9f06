import MDXComponents from '@theme-original/MDXComponents';
import Checklist from '../components/Checklist';
import RunIt from '../components/RunIt';
import SnippetSource from '../components/SnippetSource';

/** Components every page can use without importing them. */
export default {
  ...MDXComponents,
  Checklist,
  RunIt,
  SnippetSource,
};
