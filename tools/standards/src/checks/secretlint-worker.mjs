// Runs secretlint (its Node.js API, with the recommended preset) for
// secrets.ts in a worker thread, because secretlint is asynchronous and the
// checks are not. It posts { messages } or { error } on the port it is given,
// then wakes the waiting thread through the shared signal.
import { workerData } from 'node:worker_threads';

const { port, signal, sources } = workerData;

let reply;
try {
  // Imported here, not at the top, so a failure to load reaches the catch and the waiting thread.
  const { createEngine } = await import('@secretlint/node');
  const engine = await createEngine({
    formatter: 'json',
    color: false,
    // Never carry a secret's value into a report.
    maskSecrets: true,
    configFileJSON: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] },
  });
  const messages = [];
  for (const { file, text } of sources) {
    const result = await engine.executeOnContent({ content: text, filePath: file });
    if (result.ok) continue;
    for (const lint of JSON.parse(result.output)) {
      for (const message of lint.messages) {
        messages.push({ file, line: message.loc.start.line, ruleId: message.ruleId, messageId: message.messageId, message: message.message });
      }
    }
  }
  reply = { messages };
} catch (error) {
  reply = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
port.postMessage(reply);
Atomics.store(signal, 0, 1);
Atomics.notify(signal, 0);
