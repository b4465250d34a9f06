/**
 * Prints one closing line that CI reads: "tests: N passed, N failed, N skipped".
 * A test file that fails outside its tests (an import error, a failing
 * beforeAll) counts as one failure, so the line never says 0 failed when the
 * run failed.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const testModule of testModules) {
      let failedHere = 0;
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed += 1;
        else if (state === 'failed') failedHere += 1;
        else counts.skipped += 1;
      }
      if (failedHere === 0 && testModule.state() === 'failed') failedHere = 1;
      counts.failed += failedHere;
    }
    console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
}
