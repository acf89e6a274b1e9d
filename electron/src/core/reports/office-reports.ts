/**
 * Reports across every branch, from the sync server, for an admin at a counter that is online
 * (docs/counter-reports.md, "All branches"). The device's own token cannot read reports: the admin
 * signs in to the office with their username and password once; the staff token is kept in memory
 * only (10 minutes, never written to the store) and dropped at logout.
 */
import type { OfficeReport, StaffSummary } from '../../../../shared/src/api-contract.js';
import { fail, ok, type ApiResult } from '../../../../shared/src/errors.js';
import { paise } from '../../../../shared/src/money.js';
import type { CoreContext } from '../services/context.js';
import { jwtExpiryMs, readLink } from '../sync/link-store.js';
import { ServerApi, SyncFailure } from '../sync/server-api.js';

interface OfficeSession {
  staffId: string;
  username: string;
  token: string;
  expiresMs: number;
}

const isAdmin = (staff: StaffSummary): boolean => staff.role === 'admin';

export class OfficeReports {
  private session: OfficeSession | null = null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly api: ServerApi = new ServerApi(undefined, 15_000),
  ) {}

  /** Who is signed in to the office for this counter session, if anyone. */
  signedIn(staff: StaffSummary): { username: string; expiresAt: string } | null {
    const s = this.live(staff);
    return s === null ? null : { username: s.username, expiresAt: new Date(s.expiresMs).toISOString() };
  }

  signOut(): void {
    this.session = null;
  }

  async signIn(staff: StaffSummary, username: string, password: string): Promise<ApiResult<{ username: string; expiresAt: string }>> {
    if (!isAdmin(staff)) return fail('auth.forbidden', 'Reports across branches are for admins.');
    const server = this.serverUrl();
    if (server === null) return fail('device.unpaired', 'This counter is not paired with a sync server, so the office cannot be reached.');
    const answer = await this.call(server, true, () => this.api.login(server, username, password));
    if (!answer.ok) return answer;
    if (answer.value.user.role !== 'admin') return fail('auth.forbidden', `${username} is not an admin at the office.`);
    this.session = {
      staffId: staff.id,
      username,
      token: answer.value.accessToken,
      expiresMs: jwtExpiryMs(answer.value.accessToken) ?? this.ctx.now() + 5 * 60_000,
    };
    return ok({ username, expiresAt: new Date(this.session.expiresMs).toISOString() });
  }

  /** Sales per branch, the payment mix and stock value across branches for [from, to]. */
  async report(staff: StaffSummary, args: { from: string; to: string }): Promise<ApiResult<OfficeReport>> {
    if (!isAdmin(staff)) return fail('auth.forbidden', 'Reports across branches are for admins.');
    if (args.from > args.to) return fail('input.invalid', `The period starts (${args.from}) after it ends (${args.to}).`);
    const server = this.serverUrl();
    if (server === null) return fail('device.unpaired', 'This counter is not paired with a sync server, so the office cannot be reached.');
    const session = this.live(staff);
    if (session === null) return fail('auth.required', 'Sign in to the office (admin username and password) to see every branch.');
    const range = `from=${args.from}&to=${args.to}`;
    const branches = await this.call(server, false, () => this.api.get<{ branches: { id: string; code: string; name: string }[] }>(server, '/v1/branches', session.token));
    if (!branches.ok) return branches;
    const perBranch = await Promise.all(
      branches.value.branches.map(async (b) => ({ b, trend: await this.call(server, false, () => this.api.get<{ rows: { sales: number; totalPaise: number; taxPaise: number; discountPaise: number; voids: number }[] }>(server, `/v1/reports/sales-trend?${range}&granularity=month&branchId=${b.id}`, session.token)) })),
    );
    const payments = await this.call(server, false, () => this.api.get<{ rows: { method: string; payments: number; amountPaise: number }[] }>(server, `/v1/reports/payment-mix?${range}`, session.token));
    const stock = await this.call(server, false, () => this.api.get<{ branches: { branchId: string; code: string; units: number; costPaise: number; mrpPaise: number }[] }>(server, '/v1/reports/stock-valuation', session.token));
    for (const r of [...perBranch.map((p) => p.trend), payments, stock]) if (!r.ok) return r;
    const sum = (rows: { sales: number; totalPaise: number; taxPaise: number; discountPaise: number; voids: number }[], key: 'sales' | 'totalPaise' | 'taxPaise' | 'discountPaise' | 'voids'): number =>
      rows.reduce((s, r) => s + r[key], 0);
    return ok({
      from: args.from,
      to: args.to,
      fetchedAt: new Date(this.ctx.now()).toISOString(),
      server,
      branches: perBranch.map(({ b, trend }) => {
        const rows = trend.ok ? trend.value.rows : [];
        const stockRow = stock.ok ? stock.value.branches.find((s) => s.branchId === b.id) : undefined;
        return {
          branchId: b.id,
          code: b.code,
          name: b.name,
          invoices: sum(rows, 'sales'),
          totalPaise: paise(sum(rows, 'totalPaise')),
          taxPaise: paise(sum(rows, 'taxPaise')),
          discountPaise: paise(sum(rows, 'discountPaise')),
          voids: sum(rows, 'voids'),
          stockCostPaise: paise(stockRow?.costPaise ?? 0),
          stockMrpPaise: paise(stockRow?.mrpPaise ?? 0),
        };
      }),
      payments: payments.ok ? payments.value.rows.map((p) => ({ method: p.method, payments: p.payments, amountPaise: paise(p.amountPaise) })) : [],
    });
  }

  /**
   * An authorised POST to the office REST API for other features (an admin signed in to the office):
   * the catalogue import commits through it. A 400 `import.has_errors` names its first row errors.
   */
  async post<T>(staff: StaffSummary, path: string, body: unknown, what = 'This'): Promise<ApiResult<T>> {
    if (!isAdmin(staff)) return fail('auth.forbidden', `${what} is for admins of the central office.`);
    const server = this.serverUrl();
    if (server === null) return fail('device.unpaired', 'This counter is not paired with a sync server, so the office cannot be reached.');
    const session = this.live(staff);
    if (session === null) {
      const ended = this.session !== null && this.session.staffId === staff.id;
      return fail('auth.required', ended ? 'The office sign-in has ended: sign in to the office again (admin username and password).' : 'Sign in to the office first (admin username and password): the office records this.');
    }
    try {
      return ok(await this.api.post<T>(server, path, body, session.token, 120_000));
    } catch (error) {
      if (!(error instanceof SyncFailure)) throw error;
      if (error.kind === 'network' || error.kind === 'server') return fail('sync.server_unreachable', `The office server at ${server} does not answer (${error.message}); try again when the counter is online.`);
      if (error.status === 401) {
        this.session = null;
        return fail('auth.required', 'The office sign-in has ended: sign in to the office again (admin username and password).');
      }
      if (error.status === 403) return fail('auth.forbidden', error.message);
      if (error.code === 'import.has_errors') return rowErrors(error.body);
      return fail('input.invalid', `The office refused it (${error.status} ${error.code}): ${error.message}`);
    }
  }

  private live(staff: StaffSummary): OfficeSession | null {
    const s = this.session;
    if (s === null || s.staffId !== staff.id || s.expiresMs - 30_000 <= this.ctx.now()) return null;
    return s;
  }

  private serverUrl(): string | null {
    const link = readLink(this.ctx.db);
    return link === undefined ? null : link.server_url;
  }

  /** The office's answer as an ApiResult: the counter's codes for what a person can act on. */
  private async call<T>(server: string, isLogin: boolean, request: () => Promise<T>): Promise<ApiResult<T>> {
    try {
      return ok(await request());
    } catch (error) {
      if (!(error instanceof SyncFailure)) throw error;
      if (error.kind === 'network' || error.kind === 'server') {
        return fail('sync.server_unreachable', `The office server at ${server} does not answer; reports across branches need the counter to be online.`);
      }
      if (error.status === 401 && isLogin) return fail('auth.pin_invalid', error.message);
      if (error.status === 401) {
        this.session = null;
        return fail('auth.required', 'The office sign-in has ended: sign in again.');
      }
      if (error.status === 403) return fail('auth.forbidden', error.message);
      return fail('sync.server_unreachable', `The office answered ${error.status}: ${error.message}`);
    }
  }
}

const NAMED_ERRORS = 3;

/** The office's 400 `import.has_errors` as the counter's error: the first few rows named, the count in details. */
function rowErrors(body: unknown): ApiResult<never> {
  const reply = (body ?? {}) as { errorCount?: unknown; errors?: unknown };
  const errors = Array.isArray(reply.errors) ? (reply.errors as { row?: unknown; column?: unknown; reason?: unknown }[]) : [];
  const errorCount = typeof reply.errorCount === 'number' ? reply.errorCount : errors.length;
  const named = errors.slice(0, NAMED_ERRORS).map((e) => `line ${String(e.row)}${typeof e.column === 'string' && e.column !== '' ? `, ${e.column}` : ''}: ${String(e.reason)}`);
  const more = errorCount > named.length ? ` (and ${errorCount - named.length} more)` : '';
  return fail('import.has_errors', `The office found ${errorCount} row error(s) and changed nothing: ${named.join('; ')}${more}. Fix the file and upload it again.`, { errorCount });
}
