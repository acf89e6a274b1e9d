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

-- return.created: one credit note against one original invoice of the branch (any counter's).
-- The id is the device's return id (credit note id), so a retried push finds it again.
CREATE TABLE sale_returns (
  id              uuid PRIMARY KEY,
  branch_id       uuid NOT NULL REFERENCES branches (id),
  device_id       uuid NOT NULL,
  sale_id         uuid NOT NULL,
  invoice_no      text NOT NULL,
  credit_note_no  text NOT NULL,
  staff_id        uuid NOT NULL,
  approved_by     uuid,
  customer_id     uuid,
  business_date   text NOT NULL,
  at              timestamptz NOT NULL,
  refund_method   text NOT NULL CHECK (refund_method IN ('cash', 'card', 'upi', 'store_credit')),
  reason          text NOT NULL,
  taxable_paise   bigint NOT NULL,
  cgst_paise      bigint NOT NULL,
  sgst_paise      bigint NOT NULL,
  igst_paise      bigint NOT NULL,
  total_paise     bigint NOT NULL,
  mutation_id     uuid NOT NULL
);
CREATE INDEX sale_returns_sale ON sale_returns (sale_id);
CREATE INDEX sale_returns_branch_date ON sale_returns (branch_id, business_date);

-- The returned part of an original line, identified by its line number on the invoice (the same
-- at every counter). No foreign key to sale_lines: a return is a fact even where its line is not.
CREATE TABLE sale_return_lines (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  return_id       uuid NOT NULL REFERENCES sale_returns (id),
  sale_id         uuid NOT NULL,
  branch_id       uuid NOT NULL REFERENCES branches (id),
  line_no         integer NOT NULL,
  product_id      uuid NOT NULL,
  batch_id        uuid NOT NULL,
  qty             integer NOT NULL CHECK (qty > 0),
  discount_paise  bigint NOT NULL,
  taxable_paise   bigint NOT NULL,
  cgst_paise      bigint NOT NULL,
  sgst_paise      bigint NOT NULL,
  igst_paise      bigint NOT NULL,
  net_paise       bigint NOT NULL,
  UNIQUE (return_id, line_no)
);
CREATE INDEX sale_return_lines_sale ON sale_return_lines (sale_id, line_no);

-- On the branch feed, so every counter knows what was already returned of an invoice.
SELECT feed_attach('sale_returns', 'branch_id',
  'r.id, r.branch_id AS "branchId", r.device_id AS "deviceId", r.sale_id AS "saleId", r.invoice_no AS "invoiceNo", r.credit_note_no AS "creditNoteNo", r.staff_id AS "staffId", r.approved_by AS "approvedBy", r.customer_id AS "customerId", r.business_date AS "businessDate", iso_utc(r.at) AS at, r.refund_method AS "refundMethod", r.reason, r.taxable_paise AS "taxablePaise", r.cgst_paise AS "cgstPaise", r.sgst_paise AS "sgstPaise", r.igst_paise AS "igstPaise", r.total_paise AS "totalPaise"');
SELECT feed_attach('sale_return_lines', 'branch_id',
  'r.id, r.return_id AS "returnId", r.sale_id AS "saleId", r.branch_id AS "branchId", r.line_no AS "lineNo", r.product_id AS "productId", r.batch_id AS "batchId", r.qty, r.discount_paise AS "discountPaise", r.taxable_paise AS "taxablePaise", r.cgst_paise AS "cgstPaise", r.sgst_paise AS "sgstPaise", r.igst_paise AS "igstPaise", r.net_paise AS "netPaise"');
