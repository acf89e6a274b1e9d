import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireUser } from '../http/guards.js';
import { AUTH_ERRORS } from '../http/schemas.js';
import { importCatalogue } from '../imports/catalogue-import.js';
import type { Services } from '../services.js';

const ImportBody = Type.Object(
  {
    csv: Type.String({ minLength: 1, maxLength: 7_500_000, description: 'The catalogue CSV (RFC 4180, header row first; columns in docs/imports.md)' }),
    dryRun: Type.Optional(Type.Boolean({ description: 'Check and count only; nothing is written' })),
  },
  { additionalProperties: false },
);

const RowErrorSchema = Type.Object({ row: Type.Integer(), column: Type.String(), reason: Type.String() });

const ImportFailed = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }),
  records: Type.Optional(Type.Integer()),
  errorCount: Type.Optional(Type.Integer()),
  errors: Type.Optional(Type.Array(RowErrorSchema)),
});

const ImportDone = Type.Object({
  rows: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer({ description: 'SKUs on file that the file changed' }),
  unchanged: Type.Integer({ description: 'SKUs on file that the file names exactly as they are (not rewritten)' }),
  dryRun: Type.Boolean(),
});

/** REST routes of CSV import of the catalogue (the catalogue is owned by the central office: admins only). */
export const importsRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.post(
    '/v1/admin/catalogue/import',
    {
      schema: {
        description: 'Upserts the catalogue by SKU from a CSV in one transaction, or answers 400 with every row error and changes nothing.',
        body: ImportBody,
        response: { 200: ImportDone, ...AUTH_ERRORS, 400: ImportFailed },
      },
    },
    async (request, reply) => {
      await requireUser(services, request, ['admin']);
      const result = await importCatalogue(services.db, request.body.csv, request.body.dryRun ?? false);
      if (!result.ok) {
        return reply.code(400).send({
          error: { code: 'import.has_errors', message: `The file has ${result.errorCount} row error(s); nothing was imported.` },
          records: result.records,
          errorCount: result.errorCount,
          errors: result.errors,
        });
      }
      const { ok: _ok, ...done } = result;
      return done;
    },
  );
};
