-- Returns against an invoice, credit notes, refunds, store credit (issue 5).

-- One credit note per return, in its own consecutive series per device. Shifts (009) read these
-- columns for their X and Z reports: refunds by method, cash refunds out of the drawer.
CREATE TABLE credit_notes (
  id              TEXT PRIMARY KEY,
  credit_note_no  TEXT NOT NULL UNIQUE,
  -- The original invoice; it may be another counter's sale of this branch (pulled).
  sale_id         TEXT NOT NULL,
  invoice_no      TEXT NOT NULL,
  device_id       TEXT NOT NULL,
  staff_id        TEXT NOT NULL,
  customer_id     TEXT,
  -- ISO instant of the return, and the branch's business date (Asia/Kolkata) it belongs to.
  at              TEXT NOT NULL,
  business_date   TEXT NOT NULL,
  taxable_paise   INTEGER NOT NULL,
  cgst_paise      INTEGER NOT NULL,
  sgst_paise      INTEGER NOT NULL,
  igst_paise      INTEGER NOT NULL,
  total_paise     INTEGER NOT NULL CHECK (total_paise >= 0),
  refund_method   TEXT NOT NULL CHECK (refund_method IN ('cash', 'card', 'upi', 'store_credit')),
  reason          TEXT NOT NULL,
  -- The series position of credit_note_no (credit_note_series), the branch, and the original
  -- sale's business date, place of supply and tax split as printed on the credit note.
  -- (Defaults only so that other features' tests may insert a bare credit note.)
  fy_label        TEXT NOT NULL DEFAULT '',
  seq             INTEGER NOT NULL DEFAULT 0,
  branch_id       TEXT NOT NULL DEFAULT '',
  sale_business_date TEXT NOT NULL DEFAULT '',
  place_of_supply TEXT NOT NULL DEFAULT '',
  inter_state     INTEGER NOT NULL DEFAULT 0 CHECK (inter_state IN (0, 1)),
  discount_paise  INTEGER NOT NULL DEFAULT 0,
  -- The manager who approved a return above the cashier's limits (null: within them).
  approved_by     TEXT,
  -- Repeating a request returns the first credit note.
  client_request_id TEXT UNIQUE
) STRICT;
CREATE INDEX credit_notes_sale ON credit_notes (sale_id);
CREATE INDEX credit_notes_device_at ON credit_notes (device_id, at);

-- A customer's loyalty points and store credit, as signed entries (the balance is the sum).
-- Written by returns (store credit issued), by sales (points earned and redeemed, store credit
-- spent) and pulled from the server (other counters' entries), keyed by id.
CREATE TABLE customer_ledger (
  id           TEXT PRIMARY KEY,
  customer_id  TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('points', 'store_credit')),
  -- Points, or paise of store credit; positive = earned/issued, negative = redeemed/spent.
  delta        INTEGER NOT NULL,
  source_type  TEXT NOT NULL CHECK (source_type IN ('sale', 'return', 'adjustment')),
  source_id    TEXT NOT NULL,
  at           TEXT NOT NULL,
  UNIQUE (source_type, source_id, kind)
) STRICT;
CREATE INDEX customer_ledger_customer ON customer_ledger (customer_id, kind);

-- The returned part of each original line: which line (by its number on the invoice, the same on
-- every counter and the server), the batch the stock went back to, and the amounts given back at
-- the line's original price, discount share and tax rate (shared/src/returns.ts).
CREATE TABLE credit_note_lines (
  id              TEXT PRIMARY KEY,
  credit_note_id  TEXT NOT NULL REFERENCES credit_notes (id),
  sale_line_no    INTEGER NOT NULL,
  product_id      TEXT NOT NULL,
  batch_id        TEXT NOT NULL,
  name            TEXT NOT NULL,
  potency         TEXT NOT NULL,
  form            TEXT NOT NULL,
  pack_size       TEXT NOT NULL,
  brand           TEXT NOT NULL,
  hsn             TEXT NOT NULL,
  batch_no        TEXT NOT NULL,
  expiry          TEXT NOT NULL,
  qty             INTEGER NOT NULL CHECK (qty > 0),
  unit_price_paise INTEGER NOT NULL,
  rate_bp         INTEGER NOT NULL,
  discount_paise  INTEGER NOT NULL,
  taxable_paise   INTEGER NOT NULL,
  cgst_paise      INTEGER NOT NULL,
  sgst_paise      INTEGER NOT NULL,
  igst_paise      INTEGER NOT NULL,
  net_paise       INTEGER NOT NULL,
  UNIQUE (credit_note_id, sale_line_no)
) STRICT;

-- One credit-note series per device prefix, consecutive within a financial year, never reused.
CREATE TABLE credit_note_series (
  prefix    TEXT PRIMARY KEY,
  fy_label  TEXT,
  last_seq  INTEGER NOT NULL DEFAULT 0
) STRICT;

-- What a cashier may return without a manager: up to ₹2,000 per return, within 30 days of the sale.
INSERT INTO settings (key, value, updated_at) VALUES
  ('returns.cashier_limit_paise', '200000', '1970-01-01T00:00:00.000Z'),
  ('returns.cashier_max_days', '30', '1970-01-01T00:00:00.000Z')
ON CONFLICT (key) DO NOTHING;

-- Finding another counter's invoice by number, and a pulled sale's lines, payments and earlier
-- returns (server tables sale_returns / sale_return_lines, kept as pulled in replica_rows) by sale id.
CREATE INDEX returns_replica_invoice_no ON replica_rows (json_extract(row, '$.invoiceNo')) WHERE table_name = 'sales';
CREATE INDEX returns_replica_line_sale ON replica_rows (json_extract(row, '$.saleId')) WHERE table_name = 'sale_lines';
CREATE INDEX returns_replica_payment_sale ON replica_rows (json_extract(row, '$.saleId')) WHERE table_name = 'sale_payments';
CREATE INDEX returns_replica_return_line_sale ON replica_rows (json_extract(row, '$.saleId')) WHERE table_name = 'sale_return_lines';
CREATE INDEX returns_replica_return_sale ON replica_rows (json_extract(row, '$.saleId')) WHERE table_name = 'sale_returns';
