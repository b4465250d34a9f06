/**
 * No secret is committed: secretlint, with its recommended preset, reads
 * every text file (AWS secret access keys, private keys, GitHub, Slack, npm
 * and other tokens, passwords in URLs and connection strings). A made-up
 * value a test needs can stay with an inline `secretlint-disable-line`
 * comment that says why, which secretlint honours and a reviewer sees.
 *
 * secretlint's API is asynchronous and the checks are not, so it runs in a
 * worker thread of this process while this thread waits for its answer.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { type Finding, type Repo } from '../repo.ts';
import { type CheckOutcome, notRun, tail } from './tools.ts';

const WORKER = new URL('./secretlint-worker.mjs', import.meta.url);
const TIMEOUT_MS = 5 * 60_000;
const INSTALL = 'npm ci installs @secretlint/node and @secretlint/secretlint-rule-preset-recommend with de-standards (tools/standards/package.json).';

type SecretMessage = { file: string; line: number; ruleId: string; messageId: string; message: string };
type Reply = { messages: SecretMessage[] } | { error: string };

/** Runs secretlint over the sources in a worker and waits for it. */
function lintInWorker(sources: { file: string; text: string }[]): Reply {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER, { workerData: { port: port2, signal, sources }, transferList: [port2] });
  try {
    if (Atomics.wait(signal, 0, 0, TIMEOUT_MS) === 'timed-out') return { error: `secretlint did not finish within ${TIMEOUT_MS / 60_000} minutes` };
    const received = receiveMessageOnPort(port1);
    return received === undefined ? { error: 'secretlint ended without an answer' } : (received.message as Reply);
  } finally {
    port1.close();
    void worker.terminate();
  }
}

/** "found AWS Secret Access Key: ***" -> "AWS Secret Access Key": what was found, without even the masked value. */
function whatWasFound(message: string): string {
  return message.replace(/^found\s+/i, '').replace(/:.*$/s, '').trim();
}

export function checkSecrets(repo: Repo): CheckOutcome {
  // Binary files (a NUL character in the text) are images or archives, which secretlint's text rules cannot read.
  const sources = repo.files.flatMap((file) => {
    const text = repo.read(file);
    return text === undefined || text.includes('\u0000') ? [] : [{ file, text }];
  });
  const reply = lintInWorker(sources);
  if ('error' in reply) return notRun(`secretlint could not run: ${tail(reply.error, 3)}`, INSTALL);
  return reply.messages.map(
    ({ file, line, ruleId, messageId, message }): Finding => ({
      file,
      line,
      message: `secretlint found a secret: ${whatWasFound(message)} (${ruleId.replace(/^@secretlint\/secretlint-rule-/, '')}, ${messageId}). If it is real, remove it, rotate it and read it from a secret store at run time; if it is made up for a test, end the line with a secretlint-disable-line comment that says so.`,
    }),
  );
}
