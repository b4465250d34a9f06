/**
 * Faults the fake API can be told to inject, to prove the pipeline copes:
 * each is either retried by the client or ends in quarantine with a reason.
 */

export const FAULT_KINDS = [
  /** 429 with Retry-After in seconds. Retried after the wait. */
  'rate-limited',
  /** 429 with Retry-After as an HTTP date. Retried after the wait. */
  'rate-limited-until',
  /** 500. Retried. */
  'server-error',
  /** 503 with Retry-After in seconds. Retried. */
  'unavailable',
  /** Answers only after `delayMs` (default 60 s), past the client's timeout. Retried. */
  'slow',
  /** Declares the full length, sends half, then drops the connection. Retried. */
  'cut-connection',
  /** 200 with a complete transfer of half the JSON. Quarantined: truncated-json. */
  'truncated-body',
  /** 200 with an HTML error page. Quarantined: html-error-page. */
  'html-error-page',
  /** 200 with `values` renamed to `vals`. Quarantined: schema-mismatch. */
  'renamed-field',
  /** 200 with JSON labelled text/plain. Quarantined: wrong-content-type. */
  'wrong-content-type',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export type FaultRule = {
  kind: FaultKind;
  /** Only requests whose path starts with this, e.g. "/data". Default: any. */
  path?: string;
  /** How many matching requests get the fault. Default 1. */
  times?: number;
  /** For rate-limited, rate-limited-until and unavailable. Default 1. */
  retryAfterSeconds?: number;
  /** For slow. Default 60,000. */
  delayMs?: number;
};

export function isFaultKind(text: string | null | undefined): text is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(text ?? '');
}

/** A queue of rules; each request takes the first rule that matches and still has uses left. */
export function createFaultQueue(initial: FaultRule[] = []) {
  let rules = initial.map((rule) => ({ ...rule, left: rule.times ?? 1 }));
  return {
    set(next: FaultRule[]) {
      rules = next.map((rule) => ({ ...rule, left: rule.times ?? 1 }));
    },
    take(path: string): FaultRule | undefined {
      const rule = rules.find((candidate) => candidate.left > 0 && path.startsWith(candidate.path ?? ''));
      if (rule) rule.left -= 1;
      return rule;
    },
    /** Rules not yet used up, so a test can check every fault was served. */
    pending(): FaultRule[] {
      return rules.filter((rule) => rule.left > 0);
    },
  };
}

export const HTML_ERROR_PAGE = `<!DOCTYPE html>
<html lang="en">
<head><title>Service temporarily unavailable</title></head>
<body><h1>Service temporarily unavailable</h1><p>The service is undergoing maintenance. Please try again later.</p></body>
</html>
`;
