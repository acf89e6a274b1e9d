-- Schemes and campaigns from the office (issue 5).
--
-- The office's schemes as pulled from the org-wide feed (replica-schemes.ts); the counter applies
-- the ones in force for its branch and business date (shared/src/schemes.ts). `branch_ids` is a
-- JSON array of branch ids, NULL for every branch.
CREATE TABLE schemes (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('percent', 'amount', 'free_qty')),
  target_type     TEXT NOT NULL CHECK (target_type IN ('product', 'brand', 'form', 'bill')),
  target_value    TEXT NOT NULL DEFAULT '',
  percent_bp      INTEGER,
  amount_paise    INTEGER,
  buy_qty         INTEGER,
  free_qty        INTEGER,
  min_bill_paise  INTEGER NOT NULL DEFAULT 0,
  valid_from      TEXT NOT NULL,
  valid_to        TEXT,
  branch_ids      TEXT,
  cap_bp          INTEGER,
  active          INTEGER NOT NULL DEFAULT 1,
  updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX schemes_window ON schemes (valid_from, valid_to);

-- Which scheme gave how much on each sold line (sale_lines.discount_paise is manual + scheme),
-- written with the sale, read back for the invoice. A line has at most a line scheme and a bill
-- scheme's share.
CREATE TABLE sale_line_schemes (
  sale_id         TEXT NOT NULL REFERENCES sales (id),
  line_no         INTEGER NOT NULL,
  scheme_id       TEXT NOT NULL,
  name            TEXT NOT NULL,
  discount_paise  INTEGER NOT NULL CHECK (discount_paise > 0),
  free_units      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (sale_id, line_no, scheme_id)
) STRICT;
