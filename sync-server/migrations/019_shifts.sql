-- Shifts: float, cash in/out, X and Z reports (issue 5).

-- A counter's shift as its device reported it (shift.opened, shift.closed), and what the server
-- itself counts for that device and window (its own sales), so a difference is visible. Keyed by
-- the device's shift id. A shift.closed is self-contained: it creates the row if the opening never
-- arrived.
CREATE TABLE shifts (
  id                     uuid PRIMARY KEY,
  branch_id              uuid NOT NULL REFERENCES branches (id),
  device_id              uuid NOT NULL REFERENCES devices (id),
  shift_no               integer NOT NULL,
  -- The staff member whose shift (drawer) it is.
  staff_id               uuid NOT NULL,
  opened_at              timestamptz NOT NULL,
  float_paise            bigint NOT NULL CHECK (float_paise >= 0),
  status                 text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_at              timestamptz,
  closed_by              uuid,
  expected_paise         bigint,
  counted_paise          bigint,
  variance_paise         bigint,
  threshold_paise        bigint,
  approved_by            uuid,
  counts                 jsonb,
  note                   text,
  -- The Z figures as the device printed them (ShiftClosedPayload.figures).
  reported               jsonb,
  -- The server's own count of the device's completed sales in [opened_at, closed_at] at apply time.
  server_sales_count     integer,
  server_sales_paise     bigint,
  server_cash_paise      bigint,
  opened_mutation_id     uuid,
  closed_mutation_id     uuid,
  created_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shifts_branch_opened ON shifts (branch_id, opened_at);
CREATE INDEX shifts_device_opened ON shifts (device_id, opened_at);

-- Cash put into or taken out of a drawer outside a sale.
CREATE TABLE shift_cash_moves (
  id            uuid PRIMARY KEY,
  shift_id      uuid NOT NULL REFERENCES shifts (id),
  branch_id     uuid NOT NULL REFERENCES branches (id),
  direction     text NOT NULL CHECK (direction IN ('in', 'out')),
  reason        text NOT NULL,
  note          text NOT NULL DEFAULT '',
  amount_paise  bigint NOT NULL CHECK (amount_paise > 0),
  at            timestamptz NOT NULL,
  staff_id      uuid NOT NULL,
  mutation_id   uuid NOT NULL
);
CREATE INDEX shift_cash_moves_shift ON shift_cash_moves (shift_id);

-- The server recounts a shift's sales by device and time.
CREATE INDEX sales_device_at ON sales (device_id, at);

-- Managers at the branch's other counters see whose shift is open and how each closed.
SELECT feed_attach('shifts', 'branch_id', $cols$
  r.id, r.branch_id AS "branchId", r.device_id AS "deviceId", r.shift_no AS "shiftNo", r.staff_id AS "staffId",
  iso_utc(r.opened_at) AS "openedAt", r.float_paise AS "floatPaise", r.status, iso_utc(r.closed_at) AS "closedAt",
  r.closed_by AS "closedBy", r.expected_paise AS "expectedPaise", r.counted_paise AS "countedPaise",
  r.variance_paise AS "variancePaise", r.approved_by AS "approvedBy"
$cols$);
