/**
 * A progress bar for people at a terminal, and nothing at all otherwise.
 *
 * When stderr is not a TTY (CI, Airflow, a pipe to a file) a bar is just
 * noise in the log; the JSON log lines are the record there. cli-progress
 * draws the bar; this only decides whether to draw one.
 */
import cliProgress from 'cli-progress';

export type Progress = {
  /** Begin a bar for `total` units of work. */
  start(total: number): void;
  increment(by?: number): void;
  /** Finish the bar and move to the next line. Safe to call twice. */
  stop(): void;
  /** Whether anything is drawn (false when the stream is not a terminal). */
  readonly visible: boolean;
};

type Stream = NodeJS.WritableStream & { isTTY?: boolean };

// #region progress-only-on-a-terminal
export function createProgress(label: string, stream: Stream = process.stderr): Progress {
  if (stream.isTTY !== true) {
    return { start() {}, increment() {}, stop() {}, visible: false };
  }
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} | {percentage}% | ETA {eta_formatted}`, stream, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let running = false;
  return {
    start(total) {
      bar.start(total, 0);
      running = true;
    },
    increment(by = 1) {
      bar.increment(by);
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
    visible: true,
  };
}
// #endregion progress-only-on-a-terminal
