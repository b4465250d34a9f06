/**
 * For tests: finish work that waits on timers without waiting in real time.
 *
 * With vitest's fake timers, `await work` alone would hang: the retry waits
 * are fake, but sockets to a local test server are real. This moves fake
 * time forward in small steps and lets real I/O run in between, until the
 * work settles. Fake only the timers the code waits on:
 * `vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })`,
 * so `setImmediate` stays real.
 */
export async function settleWithFakeTime<T>(
  work: Promise<T>,
  advanceTimersByTimeAsync: (ms: number) => Promise<unknown>,
  options: { stepMs?: number; maxFakeMs?: number } = {},
): Promise<T> {
  const stepMs = options.stepMs ?? 50;
  const maxFakeMs = options.maxFakeMs ?? 3_600_000;
  let settled = false;
  const outcome = work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  void outcome.then(() => {
    settled = true;
  });
  for (let elapsed = 0; !settled; elapsed += stepMs) {
    if (elapsed > maxFakeMs) throw new Error(`Work did not settle within ${maxFakeMs} ms of fake time.`);
    await advanceTimersByTimeAsync(stepMs);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const result = await outcome;
  if (result.ok) return result.value;
  throw result.error;
}
