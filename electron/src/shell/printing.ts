/**
 * `similia:print`: prints the app window through the OS print dialog on the paper the invoice
 * was laid out for. The renderer's print stylesheet does the layout; this only picks the page.
 */
import type { WebContents, WebContentsPrintOptions } from 'electron';
import type { ApiResult } from '../../../shared/src/errors.js';

export type Paper = '80mm' | 'A4';

/** Page sizes in microns, as Electron wants them. An 80 mm roll has no fixed length; A4's is long enough for a receipt. */
const PAGE_SIZE: Record<Paper, WebContentsPrintOptions['pageSize']> = {
  '80mm': { width: 80_000, height: 297_000 },
  A4: 'A4',
};

/** Narrows the untrusted payload from the renderer to a paper choice, or null. */
export function parsePrintOptions(payload: unknown): { paper: Paper } | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const keys = Object.keys(payload);
  const paper = (payload as { paper?: unknown }).paper;
  if (keys.length !== 1 || (paper !== '80mm' && paper !== 'A4')) return null;
  return { paper };
}

/** Prints `contents`; a cancelled dialog is the user's choice, not an error. */
export function printContents(contents: WebContents, payload: unknown): Promise<ApiResult<null>> {
  const options = parsePrintOptions(payload);
  if (options === null) {
    return Promise.resolve({ ok: false, error: { code: 'input.invalid', message: "Print options must be { paper: '80mm' | 'A4' }." } });
  }
  return new Promise((resolve) => {
    contents.print(
      { silent: false, printBackground: true, pageSize: PAGE_SIZE[options.paper], margins: { marginType: 'none' } },
      (success, failureReason) => {
        if (success || failureReason === 'Print job canceled') {
          resolve({ ok: true, value: null });
        } else {
          resolve({ ok: false, error: { code: 'internal', message: `Printing failed (${failureReason}). Check the printer and try again.` } });
        }
      },
    );
  });
}
