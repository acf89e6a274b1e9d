import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Role } from '../../../shared/src/domain.js';
import type { Services } from '../services.js';
import { hashSecret, verifySecret } from '../auth/secrets.js';
import { HttpError } from '../http/errors.js';
import { ErrorSchema, RoleSchema, Uuid } from '../http/schemas.js';

const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

const LoginReply = Type.Object({
  accessToken: Type.String(),
  user: Type.Object({ id: Uuid, username: Type.String(), role: RoleSchema }),
});

/** Per-address budget is this many times the per-username-and-address one. */
const ADDRESS_FACTOR = 5;

function usernameOf(request: FastifyRequest): string {
  const body = request.body as { username?: unknown } | undefined;
  return typeof body?.username === 'string' ? body.username.toLowerCase() : '';
}

/** `POST /v1/auth/login`: staff/admin password login for the REST API, rate-limited. */
export const authRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { loginRateMax, loginRateWindowMs, scryptN } = services.config;
  // Two budgets, both counted on every attempt: per username-and-address, and per address
  // (many usernames from one place). The plugin's own hook runs only one limiter per request.
  const limiters = [
    app.createRateLimit({ max: loginRateMax, timeWindow: loginRateWindowMs, keyGenerator: (r) => `login:${usernameOf(r)}|${r.ip}` }),
    app.createRateLimit({ max: loginRateMax * ADDRESS_FACTOR, timeWindow: loginRateWindowMs, keyGenerator: (r) => `login-ip:${r.ip}` }),
  ];
  const rateLimitLogin = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const results = await Promise.all(limiters.map((limit) => limit(request)));
    const waits = results.map((r) => (!r.isAllowed && r.isExceeded ? r.ttlInSeconds : 0));
    const wait = Math.max(...waits);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw new HttpError(429, 'auth.rate_limited', `Too many login attempts; try again in ${wait} s.`);
    }
  };
  // Hashing a dummy for unknown usernames keeps their timing close to a wrong password.
  const dummyHash = hashSecret('dummy-password', scryptN);

  app.post(
    '/v1/auth/login',
    {
      // preHandler runs after body validation, so the username is available for the key.
      preHandler: rateLimitLogin,
      schema: { body: LoginBody, response: { 200: LoginReply, 400: ErrorSchema, 401: ErrorSchema, 429: ErrorSchema } },
    },
    async (request) => {
      const { username, password } = request.body;
      const found = await services.db.query<{ id: string; username: string; role: Role; password_hash: string | null; active: boolean }>(
        'SELECT id, username, role, password_hash, active FROM users WHERE lower(username) = lower($1)',
        [username],
      );
      const user = found.rows[0];
      const hash = user?.password_hash ?? (await dummyHash);
      const matches = await verifySecret(password, hash);
      if (user === undefined || user.password_hash === null || !user.active || !matches) {
        throw new HttpError(401, 'auth.credentials_invalid', 'Unknown username or wrong password.');
      }
      const accessToken = services.tokens.signUser({ userId: user.id, role: user.role });
      return { accessToken, user: { id: user.id, username: user.username, role: user.role } };
    },
  );
};
