-- Stocktake count sheets, variance, posting (issue 5).
--
-- A sheet covers one brand (optionally one form) and holds one line per batch, with the system
-- quantity at the snapshot (the instant the sheet was started). Posting moves each counted batch
-- by counted − expected (stock_movements kind 'stocktake', ref_id = the sheet), so whatever was
-- sold or received after the snapshot still applies on top of the count.
CREATE TABLE stocktakes (
  id           TEXT PRIMARY KEY,
  brand        TEXT NOT NULL,
  form         TEXT,
  status       TEXT NOT NULL DEFAULT 'counting' CHECK (status IN ('counting', 'posted', 'cancelled')),
  snapshot_at  TEXT NOT NULL,
  started_by   TEXT NOT NULL,
  posted_at    TEXT,
  posted_by    TEXT,
  approved_by  TEXT,
  mutation_id  TEXT
) STRICT;
CREATE INDEX stocktakes_status ON stocktakes (status, snapshot_at);

CREATE TABLE stocktake_lines (
  stocktake_id  TEXT NOT NULL REFERENCES stocktakes (id),
  batch_id      TEXT NOT NULL REFERENCES batches (id),
  product_id    TEXT NOT NULL REFERENCES products (id),
  expected_qty  INTEGER NOT NULL,
  counted_qty   INTEGER CHECK (counted_qty IS NULL OR counted_qty BETWEEN 0 AND 100000),
  counted_by    TEXT,
  counted_at    TEXT,
  PRIMARY KEY (stocktake_id, batch_id)
) STRICT;
