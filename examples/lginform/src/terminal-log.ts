/**
 * Where the log goes. Off a terminal (Airflow, CI, a pipe), pino's JSON
 * lines as they are: one event per line, for machines. On a terminal, the
 * same events as short lines a person can read ("10:15:02 extract
 * 2024-03-31: finished in 1.2 s"). To see the JSON at a terminal, pipe
 * stderr on: `... 2>&1 | cat`.
 */
import { createLogger, type Logger, type LoggerOptions } from '@rbk-lbs/kit/logger';

type Stream = { write(text: string): unknown; isTTY?: boolean };

const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: '', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

// #region readable-log-lines
/** A pino destination that prints each JSON line as "HH:MM:SS [LEVEL] message". */
export function readableLines(stream: Stream): { write(line: string): void } {
  return {
    write(line) {
      try {
        const record = JSON.parse(line) as { time?: string; level?: number; msg?: string; err?: { message?: string } };
        const time = (record.time ?? '').slice(11, 19);
        const level = LEVEL_NAMES[record.level ?? 30] ?? '';
        const cause = record.err?.message && !record.msg?.includes(record.err.message) ? ` (${record.err.message.split('\n')[0]})` : '';
        stream.write(`${time} ${level ? `${level} ` : ''}${record.msg ?? ''}${cause}\n`);
      } catch {
        stream.write(line);
      }
    },
  };
}
// #endregion readable-log-lines

export function createRunLogger(runId: string, level: LoggerOptions['level'], stderr: Stream): Logger {
  return createLogger({ runId, level, destination: stderr.isTTY === true ? readableLines(stderr) : stderr });
}
