import MDXComponents from '@theme-original/MDXComponents';
import Checklist from '../components/Checklist';
import FormatSizes from '../components/FormatSizes';
import RunIt from '../components/RunIt';
import SnippetSource from '../components/SnippetSource';
import StandardsRuleTable from '../components/StandardsRules/RuleTable';

/** Components every page can use without importing them. */
export default {
  ...MDXComponents,
  Checklist,
  FormatSizes,
  RunIt,
  SnippetSource,
  StandardsRuleTable,
};
