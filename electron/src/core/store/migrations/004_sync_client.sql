-- 004: the sync client's state (docs/sync-protocol.md, "The device side").
--
-- The link to the sync server: one row once the device is paired. The refresh token is single use
-- on the server, so the new one is written here before it is ever sent.
CREATE TABLE sync_link (
  singleton          INTEGER PRIMARY KEY CHECK (singleton = 1),
  server_url         TEXT NOT NULL,
  device_id          TEXT NOT NULL,
  branch_id          TEXT NOT NULL,
  invoice_prefix     TEXT NOT NULL,
  device_name        TEXT NOT NULL,
  refresh_token      TEXT NOT NULL,
  access_token       TEXT,
  access_expires_ms  INTEGER,
  -- Sent with a refresh and kept until its answer is stored: a retry after a lost answer resends
  -- it, so the server rotates again instead of taking the retry for a stolen token.
  rotation_id        TEXT,
  -- Opaque pull cursor; NULL = from the beginning. Saved with each applied page, so an interrupted
  -- initial sync resumes where it stopped.
  cursor             TEXT,
  initial_done       INTEGER NOT NULL DEFAULT 0,
  -- First-sync progress: rows applied so far, and the total the server announced.
  rows_received      INTEGER NOT NULL DEFAULT 0,
  rows_total         INTEGER,
  last_sync_at       TEXT,
  paired_at          TEXT NOT NULL,
  -- Set when the server refuses the device's credentials for good (revoked): pair again.
  broken_code        TEXT,
  broken_message     TEXT
) STRICT;

-- The branch's stock as the server last reported it (stock_levels rows), with the feed position it
-- arrived at: xid of the transaction that wrote it and the sequence value it took.
CREATE TABLE server_stock (
  id          TEXT PRIMARY KEY,
  batch_id    TEXT NOT NULL UNIQUE,
  product_id  TEXT NOT NULL,
  qty         INTEGER NOT NULL,
  pos_xid     INTEGER NOT NULL,
  pos_seq     INTEGER NOT NULL
) STRICT;

-- Server rows the counter keeps as received without a local table of their own (the branch's
-- sales, lines and payments from every counter), so the replica equals the server's view.
CREATE TABLE replica_rows (
  table_name  TEXT NOT NULL,
  id          TEXT NOT NULL,
  row         TEXT NOT NULL CHECK (json_valid(row)),
  PRIMARY KEY (table_name, id)
) STRICT;

-- Movements this device made that the server level may not include yet. New movements start
-- unconfirmed; enqueueMutation links them to their mutation; the push acknowledgement records where
-- the applying transaction sat in the feed (its xid and the sequence value taken after its writes);
-- a stock level of that batch written by that transaction, or with a higher sequence value,
-- includes the movement and confirms it (replica.ts). Shown level = server level + unconfirmed.
ALTER TABLE stock_movements ADD COLUMN mutation_id TEXT;
ALTER TABLE stock_movements ADD COLUMN unconfirmed INTEGER NOT NULL DEFAULT 1 CHECK (unconfirmed IN (0, 1));
ALTER TABLE stock_movements ADD COLUMN acked_xid INTEGER;
ALTER TABLE stock_movements ADD COLUMN acked_seq INTEGER;
UPDATE stock_movements SET unconfirmed = 0;
UPDATE stock_movements SET unconfirmed = 1, mutation_id = (
  SELECT q.id FROM sync_queue q
   WHERE (q.type = 'sale.completed' AND stock_movements.kind = 'sale' AND json_extract(q.payload, '$.saleId') = stock_movements.ref_id)
      OR (q.type = 'sale.voided' AND stock_movements.kind = 'void' AND json_extract(q.payload, '$.saleId') = stock_movements.ref_id)
      OR (q.type = 'stock.received' AND json_extract(q.payload, '$.receiptId') = stock_movements.ref_id)
      OR (q.type = 'stock.adjusted' AND json_extract(q.payload, '$.adjustmentId') = stock_movements.ref_id))
WHERE EXISTS (
  SELECT 1 FROM sync_queue q
   WHERE (q.type = 'sale.completed' AND stock_movements.kind = 'sale' AND json_extract(q.payload, '$.saleId') = stock_movements.ref_id)
      OR (q.type = 'sale.voided' AND stock_movements.kind = 'void' AND json_extract(q.payload, '$.saleId') = stock_movements.ref_id)
      OR (q.type = 'stock.received' AND json_extract(q.payload, '$.receiptId') = stock_movements.ref_id)
      OR (q.type = 'stock.adjusted' AND json_extract(q.payload, '$.adjustmentId') = stock_movements.ref_id));
CREATE INDEX stock_movements_unconfirmed ON stock_movements (batch_id) WHERE unconfirmed = 1;
CREATE INDEX stock_movements_mutation ON stock_movements (mutation_id) WHERE mutation_id IS NOT NULL;
CREATE INDEX stock_movements_unlinked ON stock_movements (id) WHERE unconfirmed = 1 AND mutation_id IS NULL;

-- The server is the truth for the catalogue and customers, and it keeps two rows that this store
-- refused as duplicates: one lot received offline at two counters under two batch ids, and one
-- phone recorded offline at two counters as two customers. Likewise two invoice series of this
-- device (re-paired with a new prefix) share (fy_label, seq); invoice_no stays unique.
-- Rebuilt with deferred foreign keys: the parent rows are back before the transaction commits.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE batches_copy AS SELECT * FROM batches;
DROP TABLE batches;
CREATE TABLE batches (
  id          TEXT PRIMARY KEY,
  product_id  TEXT NOT NULL REFERENCES products (id),
  batch_no    TEXT NOT NULL,
  expiry      TEXT NOT NULL,
  cost_paise  INTEGER NOT NULL CHECK (cost_paise >= 0),
  mrp_paise   INTEGER NOT NULL CHECK (mrp_paise >= 0)
) STRICT;
INSERT INTO batches SELECT * FROM batches_copy;
DROP TABLE batches_copy;
CREATE INDEX batches_product_lot ON batches (product_id, batch_no);

CREATE TEMP TABLE customers_copy AS SELECT * FROM customers;
DROP TABLE customers;
CREATE TABLE customers (
  id          TEXT PRIMARY KEY,
  phone       TEXT NOT NULL,
  name        TEXT NOT NULL,
  gstin       TEXT,
  state_code  TEXT,
  hlc         TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;
INSERT INTO customers SELECT * FROM customers_copy;
DROP TABLE customers_copy;
CREATE INDEX customers_phone ON customers (phone);

CREATE TEMP TABLE sales_copy AS SELECT * FROM sales;
DROP TABLE sales;
CREATE TABLE sales (
  id                 TEXT PRIMARY KEY,
  client_request_id  TEXT NOT NULL UNIQUE,
  invoice_no         TEXT NOT NULL UNIQUE,
  fy_label           TEXT NOT NULL,
  seq                INTEGER NOT NULL,
  business_date      TEXT NOT NULL,
  at                 TEXT NOT NULL,
  device_id          TEXT NOT NULL,
  branch_id          TEXT NOT NULL REFERENCES branches (id),
  staff_id           TEXT NOT NULL REFERENCES staff (id),
  customer_id        TEXT REFERENCES customers (id),
  place_of_supply    TEXT NOT NULL,
  inter_state        INTEGER NOT NULL,
  gross_paise        INTEGER NOT NULL,
  discount_paise     INTEGER NOT NULL,
  taxable_paise      INTEGER NOT NULL,
  cgst_paise         INTEGER NOT NULL,
  sgst_paise         INTEGER NOT NULL,
  igst_paise         INTEGER NOT NULL,
  exact_total_paise  INTEGER NOT NULL,
  round_off_paise    INTEGER NOT NULL,
  total_paise        INTEGER NOT NULL,
  change_paise       INTEGER NOT NULL,
  status             TEXT NOT NULL DEFAULT 'completed' CHECK (status IN ('completed', 'voided')),
  void_reason        TEXT,
  voided_at          TEXT,
  voided_by          TEXT REFERENCES staff (id)
) STRICT;
INSERT INTO sales SELECT * FROM sales_copy;
DROP TABLE sales_copy;
CREATE INDEX sales_at ON sales (at);
