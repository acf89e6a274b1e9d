#!/usr/bin/env node
// `npm test`: every check and test, in order, counted. Keeps going after a failure so the
// summary is complete, exits 1 if anything failed, and always ends with the single line
// `N passed, N failed` (`, N skipped` when any). A check step (typecheck, lint, audit, build)
// counts as one test; vitest and Playwright contribute their own test counts from their JSON
// reports. A missing or unreadable report means the runner crashed: that step counts as failed.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT, binPath, runNode } from './run-tools.mjs';

const RESULTS = path.join(ROOT, 'test-results');
const VITEST_JSON = path.join(RESULTS, 'vitest.json');
const E2E_JSON = path.join(RESULTS, 'e2e-report.json');
const MINUTE = 60_000;

/** @typedef {{ passed: number, failed: number, skipped: number, note?: string }} Counts */

/**
 * Counts from a vitest JSON report. A test file that fails to load has no failed *tests*, only a
 * failed suite, so those count as one failure each.
 * @param {string} file
 * @param {number} exitCode
 * @returns {Counts}
 */
export function vitestCounts(file, exitCode) {
  const report = readJson(file);
  if (report === null) return { passed: 0, failed: 1, skipped: 0, note: 'no JSON report (vitest crashed)' };
  const suites = Array.isArray(report.testResults) ? report.testResults : [];
  const brokenFiles = suites.filter(
    (/** @type {{ status?: string, assertionResults?: { status?: string }[] }} */ s) =>
      s.status === 'failed' && !(s.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  const counts = {
    passed: num(report.numPassedTests),
    failed: num(report.numFailedTests) + brokenFiles,
    skipped: num(report.numPendingTests) + num(report.numTodoTests),
  };
  if (exitCode !== 0 && counts.failed === 0) return { ...counts, failed: 1, note: `vitest exited ${exitCode} with no failed test (see its output)` };
  return counts;
}

/**
 * Counts from a Playwright JSON report. Flaky tests passed on retry: counted as passed, and named.
 * Errors outside any test (global setup, web server) count as one failure.
 * @param {string} file
 * @param {number} exitCode
 * @returns {Counts}
 */
export function playwrightCounts(file, exitCode) {
  const report = readJson(file);
  if (report === null || typeof report.stats !== 'object' || report.stats === null) {
    return { passed: 0, failed: 1, skipped: 0, note: 'no JSON report (Playwright crashed)' };
  }
  const { expected, unexpected, flaky, skipped } = report.stats;
  const counts = { passed: num(expected) + num(flaky), failed: num(unexpected), skipped: num(skipped) };
  const globalErrors = Array.isArray(report.errors) ? report.errors.length : 0;
  if (counts.failed === 0 && (globalErrors > 0 || exitCode !== 0)) {
    return { ...counts, failed: 1, note: globalErrors > 0 ? `${globalErrors} error(s) outside tests` : `playwright exited ${exitCode}` };
  }
  return num(flaky) > 0 ? { ...counts, note: `${num(flaky)} flaky (passed on retry)` } : counts;
}

/** The summary line. */
export function summaryLine(/** @type {Counts} */ { passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

/** @param {string} file */
function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** @param {unknown} n */
const num = (n) => (typeof n === 'number' && Number.isFinite(n) ? n : 0);

/**
 * @typedef {{ name: string, script: string, args: string[], timeoutMs: number,
 *   env?: NodeJS.ProcessEnv, report?: string, count?: (file: string, code: number) => Counts }} Step
 */

/** @returns {Step[]} */
function steps() {
  return [
    // scripts/ is its own project (checkJs); named here too in case the root does not reference it.
    { name: 'typecheck', script: binPath('typescript', 'tsc'), args: ['-b', 'tsconfig.json', 'scripts/tsconfig.json'], timeoutMs: 10 * MINUTE },
    { name: 'lint', script: binPath('eslint'), args: ['.'], timeoutMs: 5 * MINUTE },
    { name: 'electronegativity', script: path.join(ROOT, 'scripts', 'electronegativity-check.mjs'), args: [], timeoutMs: 5 * MINUTE },
    {
      name: 'unit + integration (vitest)',
      script: binPath('vitest'),
      args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${path.relative(ROOT, VITEST_JSON)}`],
      timeoutMs: 20 * MINUTE,
      report: VITEST_JSON,
      count: vitestCounts,
    },
    { name: 'renderer build', script: binPath('vite'), args: ['build', '--config', 'renderer/vite.config.ts'], timeoutMs: 5 * MINUTE },
    {
      name: 'e2e (playwright)',
      script: binPath('@playwright/test', 'playwright'),
      args: ['test', '-c', 'e2e/playwright.config.ts', '--reporter=list,json'],
      // Takes precedence over any outputFile the config gives the json reporter.
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_FILE: E2E_JSON },
      timeoutMs: 20 * MINUTE,
      report: E2E_JSON,
      count: playwrightCounts,
    },
  ];
}

async function main() {
  mkdirSync(RESULTS, { recursive: true });
  const total = { passed: 0, failed: 0, skipped: 0 };
  /** @type {string[]} */
  const table = [];
  for (const step of steps()) {
    console.log(`\n━━ ${step.name} ━━`);
    // A report left over from an earlier run must not be counted for this one.
    if (step.report !== undefined) rmSync(step.report, { force: true });
    const started = Date.now();
    const code = await runNode(step.script, step.args, { env: step.env, timeoutMs: step.timeoutMs });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    /** @type {Counts} */
    const counts =
      step.count !== undefined && step.report !== undefined
        ? step.count(step.report, code)
        : code === 0
          ? { passed: 1, failed: 0, skipped: 0 }
          : { passed: 0, failed: 1, skipped: 0, note: `exit code ${code}` };
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
    const verdict = counts.failed > 0 ? 'FAIL' : 'ok  ';
    table.push(`  ${verdict} ${step.name.padEnd(30)} ${summaryLine(counts).padEnd(34)} ${seconds.padStart(6)} s${counts.note ? `  (${counts.note})` : ''}`);
  }
  console.log('\n━━ summary ━━');
  for (const row of table) console.log(row);
  if (existsSync(VITEST_JSON) || existsSync(E2E_JSON)) console.log(`  reports in ${path.relative(ROOT, RESULTS)}/`);
  // The last line, always: CI and people read it.
  console.log(summaryLine(total));
  process.exitCode = total.failed > 0 ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(ROOT, 'scripts', 'test-all.mjs')) {
  main().catch((error) => {
    // Even a bug in this script must end with a summary line.
    console.error(error);
    console.log('0 passed, 1 failed');
    process.exitCode = 1;
  });
}
