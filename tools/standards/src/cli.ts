#!/usr/bin/env node
/** The `de-standards` command; see command-line.ts. */
import { main } from './command-line.ts';

process.exitCode = await main(
  process.argv.slice(2),
  {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  },
  // Questions only when a person is at a terminal: never in CI or a pipe.
  { interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY) },
);
