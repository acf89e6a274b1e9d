-- Shifts: float, cash in/out, X and Z reports (issue 5).

-- A shift belongs to this device's drawer and to the staff member who opened it. At most one is
-- open per device (the partial unique index); its sales are the device's sales with `at` in
-- [opened_at, closed_at]. The Z figures are frozen at close (z_json), so a reprint shows exactly
-- what was counted and approved then.
CREATE TABLE shifts (
  id              TEXT PRIMARY KEY,
  -- Consecutive per device: Z report number = device prefix + shift_no.
  shift_no        INTEGER NOT NULL,
  device_id       TEXT NOT NULL,
  branch_id       TEXT NOT NULL,
  staff_id        TEXT NOT NULL,
  opened_at       TEXT NOT NULL,
  float_paise     INTEGER NOT NULL CHECK (float_paise >= 0),
  status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  -- X reports taken so far (each is numbered X<shift_no>.<n>).
  x_reports       INTEGER NOT NULL DEFAULT 0,
  closed_at       TEXT,
  closed_by       TEXT,
  expected_paise  INTEGER,
  counted_paise   INTEGER,
  variance_paise  INTEGER,
  -- JSON object denomination key -> pieces (shared/src/shifts.ts DENOMINATIONS).
  counts_json     TEXT CHECK (counts_json IS NULL OR json_valid(counts_json)),
  approved_by     TEXT,
  close_note      TEXT,
  z_json          TEXT CHECK (z_json IS NULL OR json_valid(z_json)),
  UNIQUE (device_id, shift_no),
  CHECK ((status = 'open') = (closed_at IS NULL))
) STRICT;
CREATE UNIQUE INDEX shifts_one_open_per_device ON shifts (device_id) WHERE status = 'open';

-- Cash put into or taken out of the drawer outside a sale, with a reason.
CREATE TABLE shift_cash_moves (
  id            TEXT PRIMARY KEY,
  shift_id      TEXT NOT NULL REFERENCES shifts (id),
  direction     TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  reason        TEXT NOT NULL CHECK (reason IN ('change_float', 'petty_expense', 'bank_deposit', 'owner_drawing', 'other')),
  note          TEXT NOT NULL DEFAULT '',
  amount_paise  INTEGER NOT NULL CHECK (amount_paise > 0),
  at            TEXT NOT NULL,
  staff_id      TEXT NOT NULL
) STRICT;
CREATE INDEX shift_cash_moves_shift ON shift_cash_moves (shift_id, at);

-- The shift report reads this device's sales by time.
CREATE INDEX sales_device_at ON sales (device_id, at);
