-- stock.received and stock.adjusted: the documents behind receipt and adjustment movements.
-- Both are branch facts created on a device; the ledger rows they imply are stock_movements
-- (kind 'receipt' / 'adjustment', ref_id = the document id).

-- Two counters may receive the same manufacturer lot while offline and each pick a batch id.
-- Both batch rows stand (devices already hold stock under their own id); the server raises
-- anomaly stock.batch_duplicate_lot instead of refusing the receipt.
ALTER TABLE batches DROP CONSTRAINT batches_product_id_batch_no_key;
CREATE INDEX batches_product_lot ON batches (product_id, batch_no);

CREATE TABLE stock_receipts (
  id                     uuid PRIMARY KEY,          -- the device's receiptId
  branch_id              uuid NOT NULL REFERENCES branches (id),
  device_id              uuid NOT NULL REFERENCES devices (id),
  staff_id               uuid NOT NULL REFERENCES users (id),
  supplier               text NOT NULL,
  supplier_invoice_no    text NOT NULL,
  supplier_invoice_date  text NOT NULL CHECK (supplier_invoice_date ~ '^\d{4}-\d{2}-\d{2}$'),
  at                     timestamptz NOT NULL,
  mutation_id            uuid NOT NULL,
  created_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stock_receipts_branch ON stock_receipts (branch_id, at);

-- What was paid per line; the batch keeps the cost and MRP it was created with.
-- No FK to the catalogue: a receipt naming a product the server does not know is still a fact.
CREATE TABLE stock_receipt_lines (
  receipt_id  uuid NOT NULL REFERENCES stock_receipts (id),
  line_no     integer NOT NULL,
  product_id  uuid NOT NULL,
  batch_id    uuid NOT NULL,
  batch_no    text NOT NULL,
  expiry      text NOT NULL CHECK (expiry ~ '^\d{4}-\d{2}-\d{2}$'),
  qty         integer NOT NULL CHECK (qty >= 0),
  free_qty    integer NOT NULL CHECK (free_qty >= 0),
  cost_paise  bigint NOT NULL CHECK (cost_paise >= 0),
  mrp_paise   bigint NOT NULL CHECK (mrp_paise >= 0),
  PRIMARY KEY (receipt_id, line_no),
  CHECK (qty + free_qty >= 1)
);

CREATE TABLE stock_adjustments (
  id           uuid PRIMARY KEY,                    -- the device's adjustmentId
  branch_id    uuid NOT NULL REFERENCES branches (id),
  device_id    uuid NOT NULL REFERENCES devices (id),
  staff_id     uuid NOT NULL REFERENCES users (id),
  reason       text NOT NULL CHECK (reason IN ('damage', 'expiry_write_off', 'sample', 'correction')),
  note         text NOT NULL,
  approved_by  uuid,                                -- as sent; no FK (checked, not enforced)
  at           timestamptz NOT NULL,
  mutation_id  uuid NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stock_adjustments_branch ON stock_adjustments (branch_id, at);

CREATE TABLE stock_adjustment_lines (
  adjustment_id  uuid NOT NULL REFERENCES stock_adjustments (id),
  line_no        integer NOT NULL,
  product_id     uuid NOT NULL,
  batch_id       uuid NOT NULL,
  qty_delta      integer NOT NULL CHECK (qty_delta <> 0),
  PRIMARY KEY (adjustment_id, line_no)
);
