import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, loadSuppressions, toCsv } from './electronegativity-check.mjs';

// A deliberately bad shell: Node in the renderer, no isolation, no sandbox (unset), and the bad window
// lives in a .cts file, which the tool skips unless the checker stages it as .ts.
const BAD_MAIN = `
import { BrowserWindow } from 'electron';
export function open(): BrowserWindow {
  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });
  return win;
}
`;

describe('electronegativity-check', () => {
  let dir: string;
  let input: string;
  let result: Awaited<ReturnType<typeof audit>>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'similia-eng-test-'));
    input = path.join(dir, 'electron');
    mkdirSync(path.join(input, 'src'), { recursive: true });
    writeFileSync(path.join(input, 'src', 'bad-window.cts'), BAD_MAIN);
    result = await audit({
      input,
      suppressions: [
        { check: 'SANDBOX_JS_CHECK', file: 'src/bad-window.cts', reason: 'Suppressed on purpose by this test to prove suppressions apply.' },
        { check: 'AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK', file: '*', reason: 'Needs the network; excluded so the test runs offline.' },
      ],
    });
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('blocks a window with nodeIntegration on and contextIsolation off, even in a .cts file', () => {
    const blocking = result.findings.filter((f) => f.blocking).map((f) => f.check);
    expect(blocking).toContain('NODE_INTEGRATION_JS_CHECK');
    expect(blocking).toContain('CONTEXT_ISOLATION_JS_CHECK');
    // Reported under the real name, not the staged copy's: global findings say N/A.
    expect(new Set(result.findings.map((f) => f.file))).toEqual(new Set(['N/A', 'src/bad-window.cts']));
  });

  it('does not block a finding suppressed with a reason', () => {
    const sandbox = result.findings.find((f) => f.check === 'SANDBOX_JS_CHECK');
    expect(sandbox?.suppressedBy?.reason).toMatch(/on purpose/);
    expect(sandbox?.blocking).toBe(false);
  });

  it('never blocks on LOW or TENTATIVE findings', () => {
    for (const f of result.findings.filter((x) => x.blocking)) {
      expect(['HIGH', 'MEDIUM']).toContain(f.severity);
      expect(['CERTAIN', 'FIRM']).toContain(f.confidence);
    }
  });

  it('writes a CSV with one row per finding and quoted fields', () => {
    const csv = toCsv(result.findings);
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('issue,severity,confidence,filename,location,sample,description,blocking,suppressed_reason');
    expect(lines.length).toBeGreaterThan(result.findings.length); // samples may span lines
    expect(csv).toContain('"NODE_INTEGRATION_JS_CHECK","HIGH"');
  });

  it('reports a file it cannot parse instead of passing it', async () => {
    const broken = path.join(dir, 'broken');
    mkdirSync(broken);
    writeFileSync(path.join(broken, 'main.ts'), 'const win = new BrowserWindow({ webPreferences: { nodeIntegration: true } ');
    const { parseErrors } = await audit({ input: broken, suppressions: [{ check: 'AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK', file: '*', reason: 'Needs the network; excluded offline.' }] });
    expect(parseErrors.map((e) => e.file)).toEqual(['main.ts']);
  }, 60_000);

  const invalidSuppressions: [string, unknown][] = [
    ['has no reason', [{ check: 'PRELOAD_JS_CHECK', file: 'src/shell/main.ts' }]],
    ['gives a token reason', [{ check: 'PRELOAD_JS_CHECK', file: 'src/shell/main.ts', reason: 'ok' }]],
    ['names no file', [{ check: 'PRELOAD_JS_CHECK', reason: 'A long enough reason that still lacks a file.' }]],
    ['is not a list', { check: 'PRELOAD_JS_CHECK' }],
  ];
  for (const [what, content] of invalidSuppressions) {
    it(`refuses a suppression file that ${what}`, () => {
      const file = path.join(dir, `suppressions-${what.replaceAll(' ', '-')}.json`);
      writeFileSync(file, JSON.stringify(content));
      expect(() => loadSuppressions(file)).toThrow();
    });
  }
});
