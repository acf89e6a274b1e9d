-- Transfers between branches (issue 5; docs/transfers.md). Both directions in one table: 'out'
-- were sent from this branch (written here, then confirmed by the server's copy), 'in' come to
-- this branch (pulled from the server, then received here). The stock itself moves through
-- stock_movements (kinds transfer_out / transfer_in, allowed since 001): ref_id = transfer id.
CREATE TABLE transfers (
  id                TEXT PRIMARY KEY,
  direction         TEXT NOT NULL CHECK (direction IN ('out', 'in')),
  from_branch_id    TEXT NOT NULL,
  to_branch_id      TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('in_transit', 'received', 'received_with_difference')),
  note              TEXT NOT NULL DEFAULT '',
  sent_at           TEXT NOT NULL,
  sent_by           TEXT NOT NULL,
  sent_by_name      TEXT NOT NULL DEFAULT '',
  received_at       TEXT,
  received_by       TEXT,
  received_by_name  TEXT,
  received_note     TEXT
) STRICT;
CREATE INDEX transfers_direction ON transfers (direction, sent_at);

CREATE TABLE transfer_lines (
  transfer_id   TEXT NOT NULL REFERENCES transfers (id),
  line_no       INTEGER NOT NULL,
  product_id    TEXT NOT NULL,
  batch_id      TEXT NOT NULL,
  batch_no      TEXT NOT NULL,
  expiry        TEXT NOT NULL,
  cost_paise    INTEGER NOT NULL CHECK (cost_paise >= 0),
  mrp_paise     INTEGER NOT NULL CHECK (mrp_paise >= 0),
  qty           INTEGER NOT NULL CHECK (qty > 0),
  received_qty  INTEGER CHECK (received_qty >= 0),
  PRIMARY KEY (transfer_id, line_no)
) STRICT;
