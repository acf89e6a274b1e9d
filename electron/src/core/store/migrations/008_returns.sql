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
  reason          TEXT NOT NULL
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
