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
import type { FetchLike } from '../sync/server-api.js';

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
    private readonly fetchImpl: FetchLike = (input, init) => fetch(input, init),
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
    const answer = await this.request<{ accessToken: string; user: { role: string } }>(server, 'POST', '/v1/auth/login', undefined, { username, password });
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
    const branches = await this.request<{ branches: { id: string; code: string; name: string }[] }>(server, 'GET', '/v1/branches', session.token);
    if (!branches.ok) return branches;
    const perBranch = await Promise.all(
      branches.value.branches.map(async (b) => ({ b, trend: await this.request<{ rows: { sales: number; totalPaise: number; taxPaise: number; discountPaise: number; voids: number }[] }>(server, 'GET', `/v1/reports/sales-trend?${range}&granularity=month&branchId=${b.id}`, session.token) })),
    );
    const payments = await this.request<{ rows: { method: string; payments: number; amountPaise: number }[] }>(server, 'GET', `/v1/reports/payment-mix?${range}`, session.token);
    const stock = await this.request<{ branches: { branchId: string; code: string; units: number; costPaise: number; mrpPaise: number }[] }>(server, 'GET', '/v1/reports/stock-valuation', session.token);
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

  private live(staff: StaffSummary): OfficeSession | null {
    const s = this.session;
    if (s === null || s.staffId !== staff.id || s.expiresMs - 30_000 <= this.ctx.now()) return null;
    return s;
  }

  private serverUrl(): string | null {
    const link = readLink(this.ctx.db);
    return link === undefined ? null : link.server_url;
  }

  private async request<T>(server: string, method: 'GET' | 'POST', path: string, token?: string, body?: unknown): Promise<ApiResult<T>> {
    let response: Response;
    let json: unknown;
    try {
      response = await this.fetchImpl(`${server}${path}`, {
        method,
        headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(15_000),
      });
      json = await response.json().catch(() => null);
    } catch {
      return fail('sync.server_unreachable', `The office server at ${server} does not answer; reports across branches need the counter to be online.`);
    }
    if (response.ok) return ok(json as T);
    const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
    if (response.status === 401 && path !== '/v1/auth/login') this.session = null;
    if (response.status === 401 && path === '/v1/auth/login') return fail('auth.pin_invalid', error?.message ?? 'Wrong username or password.');
    if (response.status === 403) return fail('auth.forbidden', error?.message ?? 'The office refused this report.');
    if (response.status === 401) return fail('auth.required', 'The office sign-in has ended: sign in again.');
    return fail('sync.server_unreachable', `The office answered ${response.status}: ${error?.message ?? 'no reason given'}.`);
  }
}
