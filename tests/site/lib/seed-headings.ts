/**
 * Every heading of the original draft (shared/seed/data-engineering-guidance.md),
 * in order, with the page that now covers it and, where the page covers more
 * than that heading, the section of the page.
 *
 * This list is committed because CI's checkout may not have shared/. When the
 * draft is present, the coverage test also checks this list against it, so a
 * heading added to the draft fails the test until it has a page.
 */
export type SeedHeadingCoverage = {
  /** Heading level in the draft (1 for #, 2 for ##, ...). */
  level: number;
  /** The heading as the draft writes it. */
  text: string;
  /** The page that covers it, relative to the repository root. */
  page: string;
  /** The heading on that page that covers it, when the page is about more than this. */
  section?: string;
};

export const SEED_FILE = 'shared/seed/data-engineering-guidance.md';

export const SEED_HEADINGS: SeedHeadingCoverage[] = [
  { level: 1, text: 'data-engineering-guidance', page: 'docs/01-start-here/index.md', section: 'What these standards are' },
  { level: 2, text: 'get access', page: 'docs/03-access-and-security/get-access.md' },
  { level: 2, text: 'security', page: 'docs/03-access-and-security/security.md' },
  { level: 2, text: 'overview of data engineering lifecycle', page: 'docs/02-lifecycle/index.md', section: 'The stages, in order' },
  { level: 3, text: 'project structure', page: 'docs/05-project-setup/project-structure.md' },
  { level: 3, text: 'set up infrastructure', page: 'docs/06-infrastructure/index.md' },
  { level: 4, text: 'EC2', page: 'docs/06-infrastructure/ec2.md' },
  { level: 4, text: 'aws cli / credentials', page: 'docs/03-access-and-security/aws-cli-and-credentials.md' },
  { level: 3, text: 'terraform', page: 'docs/06-infrastructure/terraform.md' },
  { level: 3, text: 'lambda', page: 'docs/06-infrastructure/lambda.md' },
  { level: 3, text: 'set up pipeline components', page: 'docs/06-infrastructure/index.md', section: 'Pipeline components' },
  { level: 4, text: 'S3', page: 'docs/08-storage/s3.md' },
  { level: 4, text: 'PostgreSQL', page: 'docs/08-storage/postgresql-on-rds.md' },
  { level: 4, text: 'Redshift', page: 'docs/08-storage/redshift.md' },
  { level: 4, text: 'Airflow', page: 'docs/12-orchestration/airflow.md', section: 'Try Airflow on your own machine' },
  { level: 3, text: 'docker', page: 'docs/06-infrastructure/docker-and-environments.md' },
  { level: 3, text: 'code standards and guidelines', page: 'docs/05-project-setup/code-standards.md' },
  { level: 3, text: 'testing code', page: 'docs/11-quality-and-monitoring/unit-testing.md', section: 'Which tests a pipeline needs' },
  { level: 4, text: 'unit testing', page: 'docs/11-quality-and-monitoring/unit-testing.md' },
  { level: 4, text: 'integration testing', page: 'docs/11-quality-and-monitoring/integration-testing.md' },
  { level: 3, text: 'version control, pull request and code reviews', page: 'docs/13-delivery/version-control.md' },
  { level: 3, text: 'deployment & ci/cd', page: 'docs/13-delivery/ci-cd.md' },
  { level: 3, text: 'documentation', page: 'docs/05-project-setup/documentation.md' },
  { level: 1, text: 'data pipeline patterns and standards', page: 'docs/02-lifecycle/index.md', section: 'Patterns and standards for each stage' },
  { level: 2, text: 'principles & patterns', page: 'docs/02-lifecycle/index.md', section: 'Principles and patterns' },
  { level: 2, text: 'extraction & ingestion', page: 'docs/02-lifecycle/index.md', section: 'Extraction and ingestion' },
  { level: 3, text: 'from a database', page: 'docs/07-extraction/from-a-database.md' },
  { level: 3, text: 'from an api', page: 'docs/07-extraction/from-an-api.md' },
  { level: 2, text: 'storage', page: 'docs/02-lifecycle/index.md', section: 'Storage' },
  { level: 3, text: 's3 & boto', page: 'docs/08-storage/s3-and-the-sdk.md' },
  { level: 3, text: 'data lake principles & file formats', page: 'docs/08-storage/data-lake.md' },
  { level: 3, text: 'metadata and data catalog', page: 'docs/08-storage/metadata-and-catalogue.md' },
  { level: 2, text: 'transformation & data modelling', page: 'docs/02-lifecycle/index.md', section: 'Transformation and data modelling' },
  { level: 3, text: 'python (pandas / pyspark)', page: 'docs/09-transformation/transformation-in-code.md' },
  { level: 3, text: 'dbt', page: 'docs/09-transformation/dbt.md' },
  { level: 2, text: 'serving', page: 'docs/10-serving/index.md' },
  { level: 3, text: 'rds', page: 'docs/10-serving/index.md', section: 'Serve applications from RDS' },
  { level: 3, text: 'powerbi', page: 'docs/10-serving/power-bi.md' },
  { level: 3, text: 'google drive / sheets', page: 'docs/10-serving/google-sheets.md' },
  { level: 2, text: 'monitoring, logging & testing', page: 'docs/02-lifecycle/index.md', section: 'Monitoring, logging and testing' },
  { level: 3, text: 'data quality testing', page: 'docs/11-quality-and-monitoring/data-quality.md' },
  { level: 3, text: 'logging and monitoring', page: 'docs/11-quality-and-monitoring/logging-and-monitoring.md' },
  { level: 3, text: 'lineage', page: 'docs/11-quality-and-monitoring/lineage.md' },
  { level: 2, text: 'orchestration & scheduling', page: 'docs/02-lifecycle/index.md', section: 'Orchestration and scheduling' },
  { level: 3, text: 'cron / eventrbridge / task scheduler', page: 'docs/12-orchestration/scheduling.md' },
  { level: 3, text: 'airflow', page: 'docs/12-orchestration/airflow.md', section: 'Write a DAG' },
  { level: 3, text: 'github actions', page: 'docs/13-delivery/github-actions.md' },
];

/**
 * The draft also lists topics as numbered items under three headings rather
 * than as headings of their own. Each is a section of the standards too.
 */
export type SeedTopicCoverage = { under: string; item: string; page: string; section?: string };

export const SEED_TOPICS: SeedTopicCoverage[] = [
  { under: 'overview of data engineering lifecycle', item: 'Project structure', page: 'docs/05-project-setup/project-structure.md' },
  { under: 'overview of data engineering lifecycle', item: 'Setting up basic infrastructure for data pipelines in AWS', page: 'docs/06-infrastructure/index.md' },
  { under: 'overview of data engineering lifecycle', item: 'Infrastructure automation (IaC) - set up resources using terraform', page: 'docs/06-infrastructure/terraform.md' },
  { under: 'overview of data engineering lifecycle', item: 'Setting up pipeline components e.g. S3, Redshift, PostgreSQL', page: 'docs/06-infrastructure/index.md', section: 'Pipeline components' },
  { under: 'overview of data engineering lifecycle', item: 'Environment automation - using docker to replicate the same environment across each step of dev > test > prod', page: 'docs/06-infrastructure/docker-and-environments.md' },
  { under: 'overview of data engineering lifecycle', item: 'Writing code', page: 'docs/05-project-setup/code-standards.md' },
  { under: 'overview of data engineering lifecycle', item: 'Testing code', page: 'docs/11-quality-and-monitoring/unit-testing.md' },
  { under: 'overview of data engineering lifecycle', item: 'Version control, pull requests & code reviews', page: 'docs/13-delivery/version-control.md' },
  { under: 'overview of data engineering lifecycle', item: 'CI / CD - handled via GitHub actions yaml file', page: 'docs/13-delivery/github-actions.md' },
  { under: 'overview of data engineering lifecycle', item: 'Documentation', page: 'docs/05-project-setup/documentation.md' },
  { under: 'code standards and guidelines', item: 'modular code', page: 'docs/05-project-setup/code-standards.md', section: 'Modular code' },
  { under: 'code standards and guidelines', item: 'clean code principles', page: 'docs/05-project-setup/code-standards.md', section: 'Clean code' },
  { under: 'code standards and guidelines', item: 'functional programming', page: 'docs/05-project-setup/code-standards.md', section: 'Functional style' },
  { under: 'principles & patterns', item: 'requirements', page: 'docs/04-principles/requirements.md' },
  { under: 'principles & patterns', item: 'architectural patterns', page: 'docs/04-principles/architectural-patterns.md' },
  { under: 'principles & patterns', item: 'server vs serverless', page: 'docs/04-principles/server-vs-serverless.md' },
  { under: 'principles & patterns', item: 'ETL vs ELT', page: 'docs/04-principles/etl-vs-elt.md' },
  { under: 'principles & patterns', item: 'idempotency', page: 'docs/04-principles/idempotency.md' },
  { under: 'principles & patterns', item: 'data privacy and PII data', page: 'docs/04-principles/data-privacy.md' },
  { under: 'principles & patterns', item: 'cost considerations', page: 'docs/04-principles/cost.md' },
];
