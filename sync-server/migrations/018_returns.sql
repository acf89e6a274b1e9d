-- Returns against an invoice, credit notes, refunds, store credit (issue 5).

-- A customer's loyalty points and store credit as signed entries; the balance is the sum. Written
-- by return.created (store credit issued) and sale.completed (points earned and redeemed, store
-- credit spent). Facts are never refused, so a balance spent offline at two counters can go
-- negative: the applier records an anomaly. No foreign key to customers: a sale may name a
-- customer whose customer.upserted has not arrived yet.
CREATE TABLE customer_ledger (
  id           uuid PRIMARY KEY,
  customer_id  uuid NOT NULL,
  branch_id    uuid NOT NULL REFERENCES branches (id),
  kind         text NOT NULL CHECK (kind IN ('points', 'store_credit')),
  delta        bigint NOT NULL,
  source_type  text NOT NULL CHECK (source_type IN ('sale', 'return', 'adjustment')),
  source_id    uuid NOT NULL,
  at           timestamptz NOT NULL,
  UNIQUE (source_type, source_id, kind)
);
CREATE INDEX customer_ledger_customer ON customer_ledger (customer_id, kind);

-- Customers are organisation-wide, so are their balances.
SELECT feed_attach('customer_ledger', '*',
  'r.id, r.customer_id AS "customerId", r.branch_id AS "branchId", r.kind, r.delta, r.source_type AS "sourceType", r.source_id AS "sourceId", iso_utc(r.at) AS at');
