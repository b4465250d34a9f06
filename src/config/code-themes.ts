/**
 * Code colours that meet WCAG 2.2 AA contrast (4.5:1) for every token.
 * None of prism-react-renderer's light themes does, so the light theme is
 * GitHub's, with each token colour darkened until it passes; the dark theme is
 * Oceanic Next, whose lowest token contrast is 4.68:1. A unit test checks both.
 */
import { themes, type PrismTheme } from 'prism-react-renderer';

export const lightCodeTheme: PrismTheme = {
  plain: { color: '#1f2328', backgroundColor: '#f6f8fa' },
  styles: [
    { types: ['comment', 'prolog', 'doctype', 'cdata'], style: { color: '#57606a', fontStyle: 'italic' } },
    { types: ['punctuation', 'operator', 'entity', 'url'], style: { color: '#1f2328' } },
    { types: ['property', 'tag', 'boolean', 'number', 'constant', 'symbol', 'deleted'], style: { color: '#0550ae' } },
    { types: ['selector', 'attr-name', 'string', 'char', 'builtin', 'inserted'], style: { color: '#0a3069' } },
    { types: ['atrule', 'attr-value', 'keyword'], style: { color: '#b31d28' } },
    { types: ['function', 'class-name', 'parameter'], style: { color: '#6639ba' } },
    { types: ['regex', 'important', 'variable'], style: { color: '#953800' } },
  ],
};

export const darkCodeTheme: PrismTheme = themes.oceanicNext;
