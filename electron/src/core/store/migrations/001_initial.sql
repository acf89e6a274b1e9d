-- 001: the counter's local store. Money columns are integer paise; dates are ISO text.

CREATE TABLE branches (
  id          TEXT PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  state_code  TEXT NOT NULL CHECK (length(state_code) = 2),
  gstin       TEXT,
  address     TEXT NOT NULL DEFAULT '',
  phone       TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE device (
  id              TEXT PRIMARY KEY,
  singleton       INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
  name            TEXT NOT NULL,
  branch_id       TEXT NOT NULL REFERENCES branches (id),
  invoice_prefix  TEXT NOT NULL,
  demo            INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE staff (
  id         TEXT PRIMARY KEY,
  branch_id  TEXT NOT NULL REFERENCES branches (id),
  name       TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('cashier', 'pharmacist', 'manager', 'admin')),
  pin_hash   TEXT NOT NULL,
  active     INTEGER NOT NULL DEFAULT 1
) STRICT;

-- Survives restarts, so closing the app does not reset a PIN lockout.
CREATE TABLE staff_login_state (
  staff_id         TEXT PRIMARY KEY REFERENCES staff (id),
  failed_count     INTEGER NOT NULL DEFAULT 0,
  locked_until_ms  INTEGER
) STRICT;

CREATE TABLE tax_rates (
  id              TEXT PRIMARY KEY,
  hsn_prefix      TEXT NOT NULL,
  category        TEXT NOT NULL CHECK (category IN ('classical', 'proprietary', 'any')),
  rate_bp         INTEGER NOT NULL CHECK (rate_bp >= 0),
  effective_from  TEXT NOT NULL,
  effective_to    TEXT
) STRICT;

CREATE TABLE products (
  id            TEXT PRIMARY KEY,
  sku           TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  remedy        TEXT NOT NULL,
  potency       TEXT NOT NULL,
  form          TEXT NOT NULL,
  pack_size     TEXT NOT NULL,
  brand         TEXT NOT NULL,
  hsn           TEXT NOT NULL,
  tax_category  TEXT NOT NULL CHECK (tax_category IN ('classical', 'proprietary')),
  mrp_paise     INTEGER NOT NULL CHECK (mrp_paise >= 0),
  barcode       TEXT UNIQUE,
  active        INTEGER NOT NULL DEFAULT 1
) STRICT;

-- Search index: remedy name with its repertory abbreviations, brand, form and pack; potency as
-- its own column, matched as an exact token ("30c" must not find "300c") so FTS narrows early.
CREATE VIRTUAL TABLE products_fts USING fts5 (
  search_text,
  potency,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);

CREATE TABLE batches (
  id          TEXT PRIMARY KEY,
  product_id  TEXT NOT NULL REFERENCES products (id),
  batch_no    TEXT NOT NULL,
  expiry      TEXT NOT NULL,
  cost_paise  INTEGER NOT NULL CHECK (cost_paise >= 0),
  mrp_paise   INTEGER NOT NULL CHECK (mrp_paise >= 0),
  UNIQUE (product_id, batch_no)
) STRICT;

-- The ledger: every change of stock is a movement; levels are sums.
CREATE TABLE stock_movements (
  id          TEXT PRIMARY KEY,
  batch_id    TEXT NOT NULL REFERENCES batches (id),
  product_id  TEXT NOT NULL REFERENCES products (id),
  kind        TEXT NOT NULL CHECK (kind IN ('receipt', 'sale', 'void', 'return', 'adjustment', 'transfer_out', 'transfer_in', 'stocktake')),
  qty         INTEGER NOT NULL CHECK (qty <> 0),
  ref_id      TEXT,
  at          TEXT NOT NULL,
  staff_id    TEXT
) STRICT;
CREATE INDEX stock_movements_batch ON stock_movements (batch_id);
CREATE INDEX stock_movements_ref ON stock_movements (ref_id);

-- The level per batch, kept in step with the ledger in the same transaction (a test proves
-- level = sum of movements).
CREATE TABLE batch_stock (
  batch_id    TEXT PRIMARY KEY REFERENCES batches (id),
  product_id  TEXT NOT NULL REFERENCES products (id),
  qty         INTEGER NOT NULL
) STRICT;
CREATE INDEX batch_stock_product ON batch_stock (product_id);

CREATE TABLE customers (
  id          TEXT PRIMARY KEY,
  phone       TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  gstin       TEXT,
  state_code  TEXT,
  hlc         TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE invoice_series (
  prefix    TEXT PRIMARY KEY,
  fy_label  TEXT,
  last_seq  INTEGER NOT NULL DEFAULT 0
) STRICT;

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
  voided_by          TEXT REFERENCES staff (id),
  UNIQUE (fy_label, seq)
) STRICT;
CREATE INDEX sales_at ON sales (at);

CREATE TABLE sale_lines (
  id              TEXT PRIMARY KEY,
  sale_id         TEXT NOT NULL REFERENCES sales (id),
  line_no         INTEGER NOT NULL,
  product_id      TEXT NOT NULL REFERENCES products (id),
  batch_id        TEXT NOT NULL REFERENCES batches (id),
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
  discount_paise  INTEGER NOT NULL,
  rate_bp         INTEGER NOT NULL,
  taxable_paise   INTEGER NOT NULL,
  cgst_paise      INTEGER NOT NULL,
  sgst_paise      INTEGER NOT NULL,
  igst_paise      INTEGER NOT NULL,
  net_paise       INTEGER NOT NULL,
  UNIQUE (sale_id, line_no)
) STRICT;

CREATE TABLE sale_payments (
  id              TEXT PRIMARY KEY,
  sale_id         TEXT NOT NULL REFERENCES sales (id),
  method          TEXT NOT NULL CHECK (method IN ('cash', 'card', 'upi')),
  amount_paise    INTEGER NOT NULL CHECK (amount_paise > 0),
  tendered_paise  INTEGER,
  reference       TEXT
) STRICT;
CREATE INDEX sale_payments_sale ON sale_payments (sale_id);

CREATE TABLE held_sales (
  id           TEXT PRIMARY KEY,
  at           TEXT NOT NULL,
  staff_id     TEXT NOT NULL REFERENCES staff (id),
  customer_id  TEXT REFERENCES customers (id),
  note         TEXT NOT NULL DEFAULT '',
  lines_json   TEXT NOT NULL
) STRICT;

-- Mutations waiting to be pushed (docs: shared/src/sync-protocol.ts). Deleted only after the
-- server answers applied/duplicate; rejected ones stay, visible with their reason.
CREATE TABLE sync_queue (
  id                  TEXT PRIMARY KEY,
  seq                 INTEGER NOT NULL UNIQUE,
  type                TEXT NOT NULL,
  at                  TEXT NOT NULL,
  actor_id            TEXT NOT NULL,
  payload             TEXT NOT NULL,
  status              TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'rejected')),
  attempts            INTEGER NOT NULL DEFAULT 0,
  last_error_code     TEXT,
  last_error_message  TEXT
) STRICT;

-- Monotonic counters that must never go back even when rows are deleted (sync seq).
CREATE TABLE counters (
  name   TEXT PRIMARY KEY,
  value  INTEGER NOT NULL
) STRICT;
INSERT INTO counters (name, value) VALUES ('sync_seq', 0);
