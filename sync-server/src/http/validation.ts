import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

function newAjv(coerceTypes: boolean): Ajv {
  // removeAdditional stays off: unknown properties are refused (additionalProperties: false), not stripped.
  const ajv = new Ajv({ coerceTypes, removeAdditional: false, useDefaults: true, allErrors: false, strict: false });
  // ajv-formats is CommonJS; under NodeNext its default import is the module object.
  addFormats.default(ajv);
  return ajv;
}

const strictAjv = newAjv(false);
const coercingAjv = newAjv(true);

/**
 * A type guard for JSON validated exactly as sent (no coercion), for data inside a body that is
 * checked item by item (sync mutations): `check(value)` is true or `firstError(check)` says why.
 */
export function compileStrict<T>(schema: object): ValidateFunction<T> {
  return strictAjv.compile<T>(schema);
}

/** The first error of the last failed `compileStrict` check, readable (`at /lines/0: …`). */
export function describeFailure(check: ValidateFunction, what: string): string {
  return formatSchemaErrors(check.errors ?? [], what).message;
}

/**
 * JSON bodies are validated exactly as sent (no `null` → `""`, no `"5"` → 5); only the URL parts
 * (path params, query string), which are text by nature, are coerced to their schema types.
 */
export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strictAjv : coercingAjv).compile(schema);

/** Readable messages: name the offending property, e.g. `body has an unknown property "remember"`. */
export function formatSchemaErrors(errors: ErrorObject[] | readonly { message?: string; instancePath?: string }[], dataVar: string): Error {
  const first = errors[0] as (ErrorObject & { keyword?: string }) | undefined;
  if (first === undefined) return new Error(`${dataVar} is invalid`);
  const where = `${dataVar}${first.instancePath ?? ''}`;
  if (first.keyword === 'additionalProperties') {
    const name = (first.params as { additionalProperty?: string }).additionalProperty ?? '?';
    return new Error(`${where} has an unknown property "${name}"`);
  }
  if (first.keyword === 'required') {
    const name = (first.params as { missingProperty?: string }).missingProperty ?? '?';
    return new Error(`${where} is missing the property "${name}"`);
  }
  return new Error(`${where} ${first.message ?? 'is invalid'}`);
}
