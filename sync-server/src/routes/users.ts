import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../services.js';
import { hashSecret, newId } from '../auth/secrets.js';
import { HttpError } from '../http/errors.js';
import { requireUser } from '../http/guards.js';
import { AUTH_ERRORS, ErrorSchema, RoleSchema, Uuid } from '../http/schemas.js';

const CreateUserBody = Type.Object(
  {
    username: Type.String({ pattern: '^[A-Za-z0-9._-]{2,64}$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: RoleSchema,
    branchIds: Type.Array(Uuid, { maxItems: 500, uniqueItems: true }),
    pin: Type.String({ pattern: '^[0-9]{4,8}$', description: 'Counter PIN, 4–8 digits; stored as a scrypt hash' }),
    password: Type.Optional(Type.String({ minLength: 8, maxLength: 256 })),
  },
  { additionalProperties: false },
);

/** A user as the REST API shows it: never a password or PIN hash. */
export const UserSchema = Type.Object({
  id: Uuid,
  username: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  branchIds: Type.Array(Uuid),
  active: Type.Boolean(),
});

/** User administration (admin only). */
export const userRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { db, config } = services;

  app.post(
    '/v1/users',
    { schema: { body: CreateUserBody, response: { 201: UserSchema, ...AUTH_ERRORS, 409: ErrorSchema } } },
    async (request, reply) => {
      await requireUser(services, request, ['admin']);
      const { username, name, role, branchIds, pin, password } = request.body;
      if (role !== 'admin' && branchIds.length === 0) {
        throw new HttpError(400, 'input.invalid', 'Staff other than admins must belong to at least one branch.');
      }
      const [pinHash, passwordHash] = await Promise.all([
        hashSecret(pin, config.scryptN),
        password === undefined ? Promise.resolve(null) : hashSecret(password, config.scryptN),
      ]);
      const id = newId();
      await db.transaction(async (tx) => {
        const taken = await tx.query('SELECT 1 FROM users WHERE lower(username) = lower($1)', [username]);
        if (taken.rows.length > 0) throw new HttpError(409, 'resource.conflict', `The username ${username} is taken.`);
        const known = await tx.query<{ id: string }>('SELECT id FROM branches WHERE id = ANY($1::uuid[])', [branchIds]);
        if (known.rows.length !== branchIds.length) throw new HttpError(400, 'input.invalid', 'branchIds names a branch that does not exist.');
        await tx.query('INSERT INTO users (id, username, name, role, password_hash, pin_hash) VALUES ($1, $2, $3, $4, $5, $6)', [
          id,
          username,
          name,
          role,
          passwordHash,
          pinHash,
        ]);
        for (const branchId of branchIds) {
          await tx.query('INSERT INTO user_branches (user_id, branch_id) VALUES ($1, $2)', [id, branchId]);
        }
      });
      return reply.status(201).send({ id, username, name, role, branchIds, active: true });
    },
  );

  app.get(
    '/v1/users',
    { schema: { response: { 200: Type.Object({ users: Type.Array(UserSchema) }), ...AUTH_ERRORS } } },
    async (request) => {
      await requireUser(services, request, ['admin']);
      const result = await db.query<{ id: string; username: string; name: string; role: 'admin'; active: boolean; branch_ids: string[] | null }>(
        `SELECT u.id, u.username, u.name, u.role, u.active,
                array_remove(array_agg(ub.branch_id ORDER BY ub.branch_id), NULL) AS branch_ids
           FROM users u LEFT JOIN user_branches ub ON ub.user_id = u.id
          GROUP BY u.id ORDER BY u.username`,
      );
      return {
        users: result.rows.map((r) => ({ id: r.id, username: r.username, name: r.name, role: r.role, active: r.active, branchIds: r.branch_ids ?? [] })),
      };
    },
  );
};
