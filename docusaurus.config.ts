import { createSiteConfig } from './src/config/site-config';

export default createSiteConfig({ rootDir: __dirname });
