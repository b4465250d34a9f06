/**
 * Run the fake API on its own, e.g. to point the pipeline or curl at it:
 *
 *   npx tsx examples/lginform/fake-api/main.ts --port 8787
 *   LGINFORM_BASE_URL=http://127.0.0.1:8787 LGINFORM_APPLICATION_KEY=fake-application-key \
 *     LGINFORM_PRIVATE_KEY=fake-private-key npm run example:lginform -- run --date 2024-03-31
 */
import { parseArgs } from 'node:util';
import { FAKE_CREDENTIALS, startFakeApi } from './server.ts';

const { values } = parseArgs({ options: { port: { type: 'string', default: '8787' }, seed: { type: 'string', default: '1' } } });
const api = await startFakeApi({ port: Number(values.port), seed: Number(values.seed) });
console.log(`Fake LG Inform Plus API on ${api.url} (application key "${FAKE_CREDENTIALS.applicationKey}", private key "${FAKE_CREDENTIALS.privateKey}"). Ctrl+C stops it.`);
process.once('SIGINT', () => void api.close());
