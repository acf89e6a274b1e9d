import { Type } from 'typebox';

/** `{ error: { code, message } }`, the body of every non-2xx response. */
export const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }),
});

/** Response map entries every authenticated route shares. */
export const AUTH_ERRORS = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema } as const;

export const Uuid = Type.String({ format: 'uuid' });
export const RoleSchema = Type.Union([
  Type.Literal('cashier'),
  Type.Literal('pharmacist'),
  Type.Literal('manager'),
  Type.Literal('admin'),
]);

/** Path parameter `{ id }` holding a uuid. */
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

