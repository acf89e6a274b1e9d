#!/usr/bin/env node
// Electronegativity audit of electron/ as a gate: fails on any HIGH or MEDIUM finding of CERTAIN
// or FIRM confidence that electron/electronegativity-suppressions.json does not suppress with a
// written reason. Prints `electronegativity: N findings, M blocking` and writes every finding to
// test-results/electronegativity.csv.
//
// Why the tool's programmatic API and not its CLI + `-o report.csv` (same engine either way):
// - the CLI exits 0 whatever it finds, so only its report can be trusted, and
// - its CSV writer races: it writes the header and the rows with two un-awaited fs.writeFile
//   calls, and we have seen the header land on top of the first finding, and
// - with `-o`, files it cannot parse are skipped silently; a main.ts it could not parse would
//   pass the audit with zero findings. The API returns those parse errors and we fail on them.
// It also only scans .js/.ts/.html/.json, so the sandboxed preload (`preload.cts`) is staged as
// `.ts` in a temp copy and reported under its real name.
import { createRequire } from 'node:module';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const BLOCKING_SEVERITIES = new Set(['HIGH', 'MEDIUM']);

/**
 * Findings whose rating we raise. The tool reports an explicit `nodeIntegration: true` (or one it
 * cannot resolve) as INFORMATIONAL — a literal `false` yields no finding at all — so without
 * this a renderer with Node in it would pass the gate.
 */
const ESCALATIONS = new Map([['NODE_INTEGRATION_JS_CHECK', 'HIGH']]);
const BLOCKING_CONFIDENCES = new Set(['CERTAIN', 'FIRM']);

/**
 * @typedef {{ check: string, file: string, reason: string }} Suppression
 *   `file` is relative to the audited folder (e.g. `src/shell/main.ts`), or `*` to skip the check
 *   entirely (for checks that cannot work here, e.g. ones that need the network).
 * @typedef {{ check: string, severity: string, confidence: string, file: string, line: number,
 *   column: number, sample: string, description: string, manualReview: boolean,
 *   suppressedBy: Suppression | null, blocking: boolean }} Finding
 */

/**
 * @typedef {{ id: string, file: string, sample?: string, description?: string, manualReview?: boolean,
 *   location?: { line: number, column: number }, severity: { name: string }, confidence: { name: string } }} ToolIssue
 * @typedef {{ file: string, message: unknown, tolerable: boolean }} ToolError
 * @typedef {(options: Record<string, unknown>) => Promise<{ issues: ToolIssue[], errors: ToolError[] }>} ToolRunner
 */

/**
 * Reads and validates the suppression list: every entry needs a check, a file and a real reason.
 * @param {string} file
 * @returns {Suppression[]}
 */
export function loadSuppressions(file) {
  /** @type {unknown} */
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return [];
    throw error;
  }
  if (!Array.isArray(parsed)) throw new Error(`${file}: expected an array of { check, file, reason }`);
  return parsed.map((entry, i) => {
    const { check, file: target, reason } = entry ?? {};
    if (typeof check !== 'string' || !/^[A-Z0-9_]+$/.test(check)) throw new Error(`${file}[${i}]: "check" must be a check id like PRELOAD_JS_CHECK`);
    if (typeof target !== 'string' || target === '') throw new Error(`${file}[${i}]: "file" must be a path relative to the audited folder, or "*"`);
    if (typeof reason !== 'string' || reason.trim().length < 20) throw new Error(`${file}[${i}]: "reason" must say in words why ${check} is safe to suppress`);
    return { check, file: target, reason };
  });
}

/** `CONTEXT_ISOLATION_JS_CHECK` → `contextisolationjscheck`, the form the tool's exclude list takes. */
const checkConstructName = (/** @type {string} */ id) => id.replaceAll('_', '').toLowerCase();

/**
 * Copies `input` to a temp folder the tool can read fully: `.cts`/`.mts` become `.ts`.
 * @param {string} input
 */
function stage(input) {
  const dir = mkdtempSync(path.join(tmpdir(), 'similia-eng-'));
  const staged = path.join(dir, path.basename(input));
  cpSync(input, staged, { recursive: true, filter: (src) => !src.includes(`${path.sep}node_modules`) });
  /** @type {Map<string, string>} staged relative path → original relative path */
  const renamed = new Map();
  const walk = (/** @type {string} */ folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.[cm]ts$/.test(entry.name)) {
        const target = full.replace(/\.[cm]ts$/, '.ts');
        renameSync(full, target);
        renamed.set(path.relative(staged, target), path.relative(staged, full));
      }
    }
  };
  walk(staged);
  return { dir, staged, renamed };
}

/**
 * Runs the audit over `input` and classifies every finding.
 * @param {{ input: string, suppressions: Suppression[], electronVersion?: string }} options
 * @returns {Promise<{ findings: Finding[], parseErrors: { file: string, message: string }[] }>}
 */
export async function audit({ input, suppressions, electronVersion }) {
  const run = /** @type {ToolRunner} */ (require('@doyensec/electronegativity'));
  const version = electronVersion ?? require('electron/package.json').version;
  const { dir, staged, renamed } = stage(path.resolve(input));
  const excluded = suppressions.filter((s) => s.file === '*').map((s) => checkConstructName(s.check));
  const quietLog = console.log;
  /** @type {Awaited<ReturnType<ToolRunner>>} */
  let result;
  try {
    // The tool chats on stdout (translation downloads and the like); keep the gate's output to its verdict.
    console.log = () => {};
    // `electronVersionOverride` is the option the runner reads (its README says `electronVersion`, which it ignores).
    result = await run({ input: staged, isRelative: true, electronVersionOverride: version, excludeFromScan: excluded });
  } finally {
    console.log = quietLog;
    rmSync(dir, { recursive: true, force: true });
  }
  const original = (/** @type {string} */ file) => {
    const rel = path.isAbsolute(file) ? path.relative(staged, file) : file;
    return (renamed.get(rel) ?? rel).split(path.sep).join('/');
  };
  const findings = result.issues.map((issue) => {
    const file = original(issue.file);
    const suppressedBy = suppressions.find((s) => s.check === issue.id && (s.file === file || s.file === '*')) ?? null;
    const severity = ESCALATIONS.get(issue.id) ?? issue.severity.name;
    const confidence = issue.confidence.name;
    return {
      check: issue.id,
      severity,
      confidence,
      file,
      line: issue.location?.line ?? 0,
      column: issue.location?.column ?? 0,
      sample: issue.sample ?? '',
      description: issue.description ?? '',
      manualReview: Boolean(issue.manualReview),
      suppressedBy,
      blocking: suppressedBy === null && BLOCKING_SEVERITIES.has(severity) && BLOCKING_CONFIDENCES.has(confidence),
    };
  });
  const parseErrors = result.errors
    .filter((e) => !e.tolerable)
    .map((e) => ({ file: original(e.file), message: String(e.message) }));
  return { findings, parseErrors };
}

const csvField = (/** @type {unknown} */ value) => `"${String(value).replaceAll('"', '""')}"`;

/**
 * The report, in the tool's own column order plus our verdict columns.
 * @param {Finding[]} findings
 */
export function toCsv(findings) {
  const header = ['issue', 'severity', 'confidence', 'filename', 'location', 'sample', 'description', 'blocking', 'suppressed_reason'];
  const rows = findings.map((f) =>
    [f.check, f.severity, f.confidence, f.file, `${f.line}:${f.column}`, f.sample, f.description, f.blocking, f.suppressedBy?.reason ?? '']
      .map(csvField)
      .join(','),
  );
  return `${[header.join(','), ...rows].join('\n')}\n`;
}

async function main() {
  const input = path.join(ROOT, 'electron');
  const suppressions = loadSuppressions(path.join(input, 'electronegativity-suppressions.json'));
  const { findings, parseErrors } = await audit({ input, suppressions });
  const report = path.join(ROOT, 'test-results', 'electronegativity.csv');
  mkdirSync(path.dirname(report), { recursive: true });
  writeFileSync(report, toCsv(findings));

  const blocking = findings.filter((f) => f.blocking);
  for (const f of blocking) {
    console.error(`  BLOCKING ${f.check} (${f.severity}/${f.confidence}) ${f.file}:${f.line}:${f.column} — ${f.description}`);
  }
  for (const e of parseErrors) console.error(`  UNPARSED ${e.file}: ${e.message} (the audit cannot vouch for this file)`);
  const unused = suppressions.filter((s) => s.file !== '*' && !findings.some((f) => f.suppressedBy === s));
  for (const s of unused) console.error(`  note: suppression ${s.check} for ${s.file} matched nothing; remove it`);
  console.log(`electronegativity: ${findings.length} findings, ${blocking.length + parseErrors.length} blocking (report: ${path.relative(ROOT, report)})`);
  process.exitCode = blocking.length + parseErrors.length > 0 ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  });
}
