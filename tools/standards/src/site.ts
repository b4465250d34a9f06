/**
 * Where the standards site is published. It matches the default in the
 * site's own configuration (src/config/site-config.ts); a test keeps the two
 * the same, since this package must not import the site's code.
 */
export const SITE_URL = 'https://rbk-lbs-data.github.io';

/** The public address of a page, from its path on the site (e.g. `/infrastructure/ec2`). */
export function pageUrl(page: string): string {
  return `${SITE_URL}${page}`;
}
