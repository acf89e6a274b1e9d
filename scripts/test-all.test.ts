import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { playwrightCounts, summaryLine, vitestCounts } from './test-all.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'similia-test-all-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** Writes a report fixture (an object as JSON, a string verbatim) and returns its path. */
function report(content: unknown): string {
  const file = path.join(dir, `report-${n++}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const MISSING = path.join(dir, 'never-written.json');

describe('vitestCounts', () => {
  const cases: [string, string, number, { passed: number; failed: number; skipped: number }][] = [
    ['counts passed, failed and skipped (pending + todo) tests', report({ numPassedTests: 40, numFailedTests: 2, numPendingTests: 3, numTodoTests: 1, testResults: [] }), 1, { passed: 40, failed: 2, skipped: 4 }],
    [
      'counts a test file that failed to load as one failure',
      report({ numPassedTests: 5, numFailedTests: 0, testResults: [{ status: 'failed', assertionResults: [] }, { status: 'passed', assertionResults: [{ status: 'passed' }] }] }),
      1,
      { passed: 5, failed: 1, skipped: 0 },
    ],
    [
      'does not count a file twice when its tests already failed',
      report({ numPassedTests: 1, numFailedTests: 1, testResults: [{ status: 'failed', assertionResults: [{ status: 'failed' }, { status: 'passed' }] }] }),
      1,
      { passed: 1, failed: 1, skipped: 0 },
    ],
    ['fails the step when vitest exits non-zero with nothing failed in the report', report({ numPassedTests: 9, numFailedTests: 0, testResults: [] }), 1, { passed: 9, failed: 1, skipped: 0 }],
    ['counts a missing report (crashed runner) as a failure', MISSING, 1, { passed: 0, failed: 1, skipped: 0 }],
    ['counts an unreadable report as a failure', report('{"numPassedTests": 3,'), 0, { passed: 0, failed: 1, skipped: 0 }],
  ];
  for (const [behaviour, file, exitCode, expected] of cases) {
    it(behaviour, () => {
      expect(vitestCounts(file, exitCode)).toMatchObject(expected);
    });
  }
});

describe('playwrightCounts', () => {
  const cases: [string, string, number, { passed: number; failed: number; skipped: number }][] = [
    ['counts expected as passed, unexpected as failed, skipped as skipped', report({ stats: { expected: 7, unexpected: 1, flaky: 0, skipped: 2 }, errors: [] }), 1, { passed: 7, failed: 1, skipped: 2 }],
    ['counts flaky tests (passed on retry) as passed', report({ stats: { expected: 7, unexpected: 0, flaky: 1, skipped: 0 }, errors: [] }), 0, { passed: 8, failed: 0, skipped: 0 }],
    ['counts an error outside the tests (web server, global setup) as a failure', report({ stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 }, errors: [{ message: 'webServer exited' }] }), 1, { passed: 0, failed: 1, skipped: 0 }],
    ['fails the step when Playwright exits non-zero with nothing failed in the report', report({ stats: { expected: 3, unexpected: 0, flaky: 0, skipped: 0 }, errors: [] }), 1, { passed: 3, failed: 1, skipped: 0 }],
    ['counts a missing report as a failure', MISSING, 1, { passed: 0, failed: 1, skipped: 0 }],
    ['counts a report without stats as a failure', report({ suites: [] }), 0, { passed: 0, failed: 1, skipped: 0 }],
  ];
  for (const [behaviour, file, exitCode, expected] of cases) {
    it(behaviour, () => {
      expect(playwrightCounts(file, exitCode)).toMatchObject(expected);
    });
  }
});

describe('summaryLine', () => {
  const cases: [{ passed: number; failed: number; skipped: number }, string][] = [
    [{ passed: 12, failed: 0, skipped: 0 }, '12 passed, 0 failed'],
    [{ passed: 12, failed: 3, skipped: 0 }, '12 passed, 3 failed'],
    [{ passed: 0, failed: 1, skipped: 4 }, '0 passed, 1 failed, 4 skipped'],
  ];
  for (const [counts, line] of cases) {
    it(`prints ${JSON.stringify(line)}`, () => {
      expect(summaryLine(counts)).toBe(line);
    });
  }
});
