-- CSV import of the catalogue and opening stock (issue 5).
-- One row per committed opening-stock import: who, when, which file, and what it added. The
-- batches, movements and stock.received mutations it wrote carry the receipt ids listed in
-- stock_import_receipts (one receipt per ≤ 500 rows, so each push stays small).
CREATE TABLE stock_imports (
  id          TEXT PRIMARY KEY,
  file_name   TEXT NOT NULL,
  staff_id    TEXT NOT NULL,
  at          TEXT NOT NULL,
  rows        INTEGER NOT NULL CHECK (rows > 0),
  units       INTEGER NOT NULL CHECK (units > 0),
  cost_paise  INTEGER NOT NULL CHECK (cost_paise >= 0)
) STRICT;

CREATE TABLE stock_import_receipts (
  receipt_id  TEXT PRIMARY KEY,
  import_id   TEXT NOT NULL REFERENCES stock_imports (id),
  part_no     INTEGER NOT NULL CHECK (part_no >= 1),
  lines       INTEGER NOT NULL CHECK (lines >= 1),
  UNIQUE (import_id, part_no)
) STRICT;
