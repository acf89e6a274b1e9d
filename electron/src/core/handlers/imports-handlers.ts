import { IMPORT_PART_CHARS, type ImportsApi } from '../../../../shared/src/api/imports-api.js';
import { fail, ok } from '../../../../shared/src/errors.js';
import { id, optionalId } from '../api/fields.js';
import { businessDate, deviceRow } from '../services/context.js';
import { catalogueCsv, stockCsv } from '../services/import-export.js';
import { ImportService, mayImport } from '../services/import-service.js';
import { stmt } from '../store/open-store.js';
import type { FeatureHandlers, FeatureSchemas, HandlerDeps } from './handler.js';

const partCount = { kind: 'int', min: 1, max: 1000 } as const;

/** Argument schema of every ImportsApi method. */
export const IMPORTS_SCHEMAS: FeatureSchemas<ImportsApi> = {
  'imports.upload': {
    kind: { kind: 'enum', values: ['catalogue', 'openingStock'] },
    uploadId: optionalId,
    fileName: { kind: 'string', max: 200 },
    part: { kind: 'string', max: IMPORT_PART_CHARS },
    partNo: partCount,
    parts: partCount,
  },
  'imports.commit': { uploadId: id },
  'imports.discard': { uploadId: id },
  'imports.export': { what: { kind: 'enum', values: ['catalogue', 'stock'] } },
};

/** Handlers of CSV import of the catalogue and opening stock. */
export function importsHandlers(deps: HandlerDeps): FeatureHandlers<ImportsApi> {
  const { ctx, must } = deps;
  // A catalogue goes to the office; then every counter (this one too) receives the products with its next sync.
  const imports = new ImportService(ctx, deps.office, () => deps.sync?.kick());
  return {
    'imports.upload': (args, staff) => imports.upload(must(staff), args),
    'imports.commit': (args, staff) => imports.commitUpload(must(staff), args.uploadId),
    'imports.discard': (args, staff) => ok(imports.discard(must(staff), args.uploadId)),
    'imports.export': (args, staff) => {
      const s = must(staff);
      // Exports show cost prices: for the people who may import them.
      if (!mayImport(s.role, 'openingStock')) return fail('auth.forbidden', 'Exports with cost prices are for managers and admins.');
      const today = businessDate(ctx);
      if (args.what === 'catalogue') return ok(catalogueCsv(ctx.db, today));
      const branch = stmt(ctx.db, /* sql */ `SELECT code FROM branches WHERE id = ?`).get(deviceRow(ctx).branch_id) as { code: string } | undefined;
      return ok(stockCsv(ctx.db, today, branch?.code ?? 'branch'));
    },
  };
}
