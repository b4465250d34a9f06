/**
 * Run ids that sort by time and never collide: 20240331T101500Z-1a2b3c.
 * Sorting matters because a listing of run_id=... folders then reads in the
 * order the runs started.
 */
import { randomBytes } from 'node:crypto';

export function newRunId(now: Date = new Date(), suffix: string = randomBytes(3).toString('hex')): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return `${stamp}-${suffix}`;
}
