/** Writes the repository's pull-request template from the rules (npm run standards:pr-template). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pullRequestTemplate } from '../src/pull-request-template.ts';

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../.github/pull_request_template.md');
writeFileSync(target, pullRequestTemplate());
console.log(`Wrote ${path.relative(process.cwd(), target)}`);
