import type { FastifyError, FastifyInstance } from 'fastify';
import type { ErrorCode } from '../../../shared/src/errors.js';

/**
 * Error codes on the wire: the shared `ErrorCode`s plus the server's own (documented in
 * docs/sync-protocol.md). Kept here, not in shared/, until the lead folds them in.
 */
export type ServerErrorCode =
  | ErrorCode
  | 'auth.token_invalid'
  | 'auth.credentials_invalid'
  | 'auth.rate_limited'
  | 'rate.limited'
  | 'auth.refresh_invalid'
  | 'auth.refresh_reused'
  | 'device.revoked'
  | 'pairing.code_invalid'
  | 'resource.not_found'
  | 'resource.conflict'
  | 'db.unavailable'
  | 'mutation.unsupported'
  | 'mutation.conflict'
  | 'sync.cursor_invalid';

/** Thrown by handlers and hooks; the one error handler turns it into `{ error: { code, message } }`. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ServerErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface ErrorBody {
  error: { code: ServerErrorCode; message: string };
}

function body(code: ServerErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

/** Postgres SQLSTATEs that mean "the input named something impossible", never a server fault. */
const PG_INPUT_ERRORS: Record<string, [number, ServerErrorCode]> = {
  '23505': [409, 'resource.conflict'], // unique_violation
  '23503': [400, 'input.invalid'], // foreign_key_violation
  '22P02': [400, 'input.invalid'], // invalid_text_representation (e.g. a bad uuid)
};

/**
 * The single error handler: validation → 400 input.invalid, known HttpErrors as thrown, client
 * errors Fastify raises (bad JSON, too large, wrong content type) keep their 4xx, and only a
 * genuine fault becomes 500 `internal` (logged, message hidden).
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      return reply.status(error.statusCode).send(body(error.code, error.message));
    }
    if (error.validation !== undefined) {
      return reply.status(400).send(body('input.invalid', `Invalid request: ${error.message}.`));
    }
    const pg = (error as { code?: unknown }).code;
    if (typeof pg === 'string' && pg in PG_INPUT_ERRORS) {
      const [status, code] = PG_INPUT_ERRORS[pg] ?? [400, 'input.invalid'];
      return reply.status(status).send(body(code, status === 409 ? 'That already exists.' : 'The request refers to something that does not exist.'));
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send(body('input.invalid', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('internal', 'Internal server error.'));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(body('resource.not_found', `No route ${request.method} ${request.url.split('?')[0] ?? ''}.`));
  });
}
