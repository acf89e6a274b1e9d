/**
 * Child process for the crash test: completes sales in a loop and prints each invoice number
 * right after `sale.complete` returns, until it is killed.
 */
import { createAppCore } from '../app-core.js';

const [dbPath, staffId, productsJson] = process.argv.slice(2);
if (dbPath === undefined || staffId === undefined || productsJson === undefined) throw new Error('usage: crash-child DB STAFF_ID PRODUCT_IDS_JSON');
const productIds = JSON.parse(productsJson) as string[];
const core = createAppCore({ dbPath });
const login = (await core.dispatch({ method: 'auth.login', args: { staffId, pin: '1111' } })) as { ok: boolean; value: { sessionToken: string } };
if (!login.ok) throw new Error('login failed');
const sessionToken = login.value.sessionToken;
process.stdout.write('READY\n');
for (let n = 0; ; n += 1) {
  const lines = productIds.map((productId, i) => ({ lineId: `l${i}`, productId, qty: 1 + ((n + i) % 3), discountPaise: 0 }));
  const quote = (await core.dispatch({ method: 'sale.quote', args: { lines }, sessionToken })) as { ok: boolean; value: { totals: { totalPaise: number } } };
  if (!quote.ok) throw new Error('quote failed');
  const total = quote.value.totals.totalPaise;
  const done = (await core.dispatch({
    method: 'sale.complete',
    args: { clientRequestId: `crash-${process.pid}-${n}`, lines, payments: [{ method: 'cash', amountPaise: total, tenderedPaise: total + 1000 }] },
    sessionToken,
  })) as { ok: boolean; value: { invoiceNo: string; saleId: string }; error?: unknown };
  if (!done.ok) throw new Error(`sale failed: ${JSON.stringify(done.error)}`);
  process.stdout.write(`SALE ${done.value.invoiceNo} ${done.value.saleId}\n`);
}
