#!/usr/bin/env node
/** The `de-standards` command; see command-line.ts. */
import { main } from './command-line.ts';

process.exitCode = main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
