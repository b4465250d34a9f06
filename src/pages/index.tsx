import Link from '@docusaurus/Link';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';
import styles from './index.module.css';

/** The home page: what the site is, and two ways in. */
export default function Home(): ReactNode {
  const { siteConfig } = useDocusaurusContext();
  return (
    <Layout title="Home" description={siteConfig.tagline}>
      <main className={styles.home}>
        <div className="container">
          <h1 className={styles.title}>{siteConfig.title}</h1>
          <p className={styles.lead}>
            How the data team of the Royal Borough of Kingston upon Thames and the London Borough of Sutton builds data
            pipelines on AWS. Every chapter links to an example pipeline that our continuous integration (CI) runs, and
            every piece of code on this site comes from one of those examples.
          </p>
          <div className={styles.doors}>
            <section className={styles.door} aria-labelledby="door-start">
              <h2 id="door-start">New to the team?</h2>
              <p>Follow the reading path for your first weeks. Each step says how long it takes and what you will have done.</p>
              <Link className="button button--primary button--lg" to="/start-here">
                Start here
              </Link>
            </section>
            <section className={styles.door} aria-labelledby="door-browse">
              <h2 id="door-browse">Looking for a standard?</h2>
              <p>Browse the chapters in the order of the data-engineering lifecycle, from access and security to scheduling.</p>
              <Link className="button button--secondary button--lg" to="/lifecycle">
                Browse the standards
              </Link>
            </section>
          </div>
        </div>
      </main>
    </Layout>
  );
}
