-- Goods receipt screen, adjustments with approval, stock alerts (issue 5).
--
-- The documents behind 'receipt' and 'adjustment' movements, kept on the counter for its recent
-- lists and CSV exports (the server has its own copy from the stock.received / stock.adjusted
-- mutations). Written in the same transaction as the movements and the queued mutation.
CREATE TABLE stock_receipts (
  id                     TEXT PRIMARY KEY,
  supplier               TEXT NOT NULL,
  supplier_invoice_no    TEXT NOT NULL,
  supplier_invoice_date  TEXT NOT NULL,
  at                     TEXT NOT NULL,
  staff_id               TEXT NOT NULL,
  mutation_id            TEXT NOT NULL
) STRICT;
CREATE INDEX stock_receipts_at ON stock_receipts (at);

CREATE TABLE stock_receipt_lines (
  receipt_id  TEXT NOT NULL REFERENCES stock_receipts (id),
  line_no     INTEGER NOT NULL,
  product_id  TEXT NOT NULL,
  batch_id    TEXT NOT NULL,
  batch_no    TEXT NOT NULL,
  expiry      TEXT NOT NULL,
  qty         INTEGER NOT NULL CHECK (qty >= 0),
  free_qty    INTEGER NOT NULL CHECK (free_qty >= 0),
  cost_paise  INTEGER NOT NULL CHECK (cost_paise >= 0),
  mrp_paise   INTEGER NOT NULL CHECK (mrp_paise >= 0),
  PRIMARY KEY (receipt_id, line_no),
  CHECK (qty + free_qty >= 1)
) STRICT;
-- "Cost remembered from the last receipt of that product".
CREATE INDEX stock_receipt_lines_product ON stock_receipt_lines (product_id);

CREATE TABLE stock_adjustments (
  id           TEXT PRIMARY KEY,
  reason       TEXT NOT NULL CHECK (reason IN ('damage', 'expiry_write_off', 'sample', 'correction')),
  note         TEXT NOT NULL,
  at           TEXT NOT NULL,
  staff_id     TEXT NOT NULL,
  -- The manager whose authority it is: the recorder (a manager below the threshold) or the one
  -- who entered their PIN.
  approved_by  TEXT NOT NULL,
  -- Σ |qty change| × batch cost when recorded, and whether it was above the approval threshold.
  value_paise  INTEGER NOT NULL,
  above_threshold INTEGER NOT NULL CHECK (above_threshold IN (0, 1)),
  mutation_id  TEXT NOT NULL
) STRICT;
CREATE INDEX stock_adjustments_at ON stock_adjustments (at);

CREATE TABLE stock_adjustment_lines (
  adjustment_id  TEXT NOT NULL REFERENCES stock_adjustments (id),
  line_no        INTEGER NOT NULL,
  product_id     TEXT NOT NULL,
  batch_id       TEXT NOT NULL,
  qty_delta      INTEGER NOT NULL CHECK (qty_delta <> 0),
  cost_paise     INTEGER NOT NULL,
  PRIMARY KEY (adjustment_id, line_no)
) STRICT;

-- A product's reorder level at this branch, set by a manager in the alerts tab: below it the
-- product is listed. Device-local (not synced).
CREATE TABLE reorder_levels (
  product_id  TEXT PRIMARY KEY,
  min_qty     INTEGER NOT NULL CHECK (min_qty >= 0),
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL
) STRICT;
