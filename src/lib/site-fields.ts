import useDocusaurusContext from '@docusaurus/useDocusaurusContext';

export type SiteFields = { repositoryUrl: string; commit: string; builtOn: string; siteUrl: string };

/** The build facts the config puts in customFields, typed once. */
export function useSiteFields(): SiteFields {
  const { siteConfig } = useDocusaurusContext();
  const fields = siteConfig.customFields as Omit<SiteFields, 'siteUrl'>;
  return { ...fields, siteUrl: siteConfig.url.replace(/\/$/, '') };
}
