import type { APIRequestContext } from '@playwright/test';
import { E2E_KEY } from '../e2e-env.js';

/**
 * Talks to the same core the page uses, as a second client, to learn facts (MRPs, barcodes) the
 * test then checks on screen. It never changes what the page is testing.
 */
export class ApiClient {
  private token: string | null = null;

  constructor(private readonly request: APIRequestContext) {}

  async call<T>(method: string, args: Record<string, unknown> = {}): Promise<T> {
    const res = await this.request.post('/api/call', {
      headers: { Authorization: `Bearer ${E2E_KEY}`, 'Content-Type': 'application/json' },
      data: { method, args, sessionToken: this.token },
    });
    const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
    if (!body.ok) throw new Error(`${method} failed: ${body.error?.message}`);
    return body.value;
  }

  async loginAs(name: string, pin: string): Promise<void> {
    const staff = await this.call<{ id: string; name: string }[]>('auth.staffList');
    const member = staff.find((s) => s.name === name);
    if (member === undefined) throw new Error(`no staff ${name}`);
    this.token = (await this.call<{ sessionToken: string }>('auth.login', { staffId: member.id, pin })).sessionToken;
  }

  async topHit(query: string): Promise<{ productId: string; sku: string; name: string; barcode: string; mrpPaise: number }> {
    const hits = await this.call<{ productId: string; sku: string; name: string; barcode: string; mrpPaise: number }[]>('catalog.search', { query, limit: 20 });
    if (hits[0] === undefined) throw new Error(`no hit for ${query}`);
    return hits[0];
  }
}

/** Parses an amount as shown on screen: "₹1,23,456.50" or "-₹0.20" → paise. */
export function paiseFromText(text: string): number {
  const negative = /[-−]/.test(text);
  const digits = text.replace(/[^0-9.]/g, '');
  const [rupees = '0', fraction = '0'] = digits.split('.');
  const value = Number(rupees) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
  return negative ? -value : value;
}
