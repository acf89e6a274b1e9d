-- Transfers between branches (issue 5; docs/transfers.md). A transfer is one document of the
-- sending branch; its stock left the sender when it was sent (movement transfer_out) and enters
-- the destination when received (transfer_in). What arrived may differ from what was sent: the
-- difference stays on the lines.
CREATE TABLE stock_transfers (
  id                    uuid PRIMARY KEY,
  from_branch_id        uuid NOT NULL REFERENCES branches (id),
  to_branch_id          uuid NOT NULL REFERENCES branches (id),
  status                text NOT NULL DEFAULT 'in_transit' CHECK (status IN ('in_transit', 'received', 'received_with_difference')),
  note                  text NOT NULL DEFAULT '',
  sent_device_id        uuid NOT NULL,
  sent_by               uuid NOT NULL,
  sent_at               timestamptz NOT NULL,
  sent_mutation_id      uuid NOT NULL,
  received_device_id    uuid,
  received_by           uuid,
  received_at           timestamptz,
  received_note         text,
  received_mutation_id  uuid,
  CHECK (from_branch_id <> to_branch_id)
);
CREATE INDEX stock_transfers_to ON stock_transfers (to_branch_id, status);

CREATE TABLE stock_transfer_lines (
  transfer_id   uuid NOT NULL REFERENCES stock_transfers (id),
  line_no       integer NOT NULL,
  product_id    uuid NOT NULL,
  batch_id      uuid NOT NULL,
  batch_no      text NOT NULL,
  expiry        text NOT NULL CHECK (expiry ~ '^\d{4}-\d{2}-\d{2}$'),
  cost_paise    bigint NOT NULL CHECK (cost_paise >= 0),
  mrp_paise     bigint NOT NULL CHECK (mrp_paise >= 0),
  qty           integer NOT NULL CHECK (qty > 0),
  received_qty  integer CHECK (received_qty >= 0),
  PRIMARY KEY (transfer_id, line_no),
  UNIQUE (transfer_id, batch_id)
);

-- The change feed scopes a row by ONE column, and both branches must see a transfer: one party
-- row per branch (side 'out' at the sender, 'in' at the destination) carries the whole document,
-- built from the transfer and its lines when the party row is written. Receiving touches both
-- party rows, so both branches pull the new status and the received quantities.
CREATE TABLE stock_transfer_parties (
  id           uuid PRIMARY KEY,
  transfer_id  uuid NOT NULL REFERENCES stock_transfers (id),
  branch_id    uuid NOT NULL REFERENCES branches (id),
  side         text NOT NULL CHECK (side IN ('out', 'in')),
  version      integer NOT NULL DEFAULT 1,
  UNIQUE (transfer_id, side)
);

SELECT feed_attach('stock_transfer_parties', 'branch_id', $cols$
  r.id, r.transfer_id AS "transferId", r.branch_id AS "branchId", r.side,
  (SELECT to_jsonb(d) FROM (
     SELECT t.from_branch_id AS "fromBranchId", t.to_branch_id AS "toBranchId", t.status, t.note,
            t.sent_by AS "sentBy", (SELECT u.name FROM users u WHERE u.id = t.sent_by) AS "sentByName", iso_utc(t.sent_at) AS "sentAt",
            t.received_by AS "receivedBy", (SELECT u.name FROM users u WHERE u.id = t.received_by) AS "receivedByName",
            iso_utc(t.received_at) AS "receivedAt", t.received_note AS "receivedNote",
            COALESCE((SELECT jsonb_agg(jsonb_build_object('lineNo', l.line_no, 'productId', l.product_id, 'batchId', l.batch_id,
                        'batchNo', l.batch_no, 'expiry', l.expiry, 'costPaise', l.cost_paise, 'mrpPaise', l.mrp_paise,
                        'qty', l.qty, 'receivedQty', l.received_qty) ORDER BY l.line_no)
                        FROM stock_transfer_lines l WHERE l.transfer_id = t.id), '[]'::jsonb) AS lines
       FROM stock_transfers t WHERE t.id = r.transfer_id) d) AS transfer
$cols$);
