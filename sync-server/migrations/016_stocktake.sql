-- Stocktake count sheets, variance, posting (issue 5).
--
-- A posted count (`stock.counted`) says: at `snapshot_at`, batch B held `counted_qty`. The server
-- moves B by counted − (its ledger's level at snapshot_at), as a movement kind 'stocktake' dated
-- at the snapshot, so movements after the snapshot (sales, receipts) still apply on top.
--
-- A movement dated at or before a posted snapshot can reach the ledger after the count was
-- applied: a sale made offline at another counter and synced later, or a sale of the same push
-- (a push writes its movements at its end). The count already saw those packs on the shelf, so the
-- trigger below absorbs such a movement with an opposite 'stocktake' movement of the latest
-- count that covers it. Invariant: for every batch, the ledger summed up to the latest posted
-- snapshot equals that count. The late movement is kept (it is a fact) and, when it came from a
-- later transaction than the count, flagged as anomaly `stocktake.late_movement`.
CREATE TABLE stocktakes (
  id           uuid PRIMARY KEY,                    -- the device's stocktakeId
  branch_id    uuid NOT NULL REFERENCES branches (id),
  device_id    uuid NOT NULL REFERENCES devices (id),
  staff_id     uuid NOT NULL REFERENCES users (id),
  approved_by  uuid NOT NULL,                       -- checked on apply, not enforced
  brand        text NOT NULL,
  form         text,
  snapshot_at  timestamptz NOT NULL,
  at           timestamptz NOT NULL,
  mutation_id  uuid NOT NULL,
  applied_xid  xid8 NOT NULL DEFAULT pg_current_xact_id(),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stocktakes_branch ON stocktakes (branch_id, snapshot_at);

CREATE TABLE stocktake_lines (
  stocktake_id         uuid NOT NULL REFERENCES stocktakes (id),
  line_no              integer NOT NULL,
  branch_id            uuid NOT NULL,
  product_id           uuid NOT NULL,
  batch_id             uuid NOT NULL,
  snapshot_at          timestamptz NOT NULL,        -- the sheet's, here for the late-movement lookup
  device_expected_qty  integer NOT NULL,            -- what the counter showed at the snapshot
  server_expected_qty  integer NOT NULL,            -- the ledger's level at the snapshot, late movements included
  counted_qty          integer NOT NULL CHECK (counted_qty >= 0),
  posted_delta         integer NOT NULL,            -- counted − server_expected when the count was applied
  late_qty             integer NOT NULL DEFAULT 0,  -- sum of late movements absorbed since
  PRIMARY KEY (stocktake_id, line_no)
);
CREATE INDEX stocktake_lines_batch ON stocktake_lines (branch_id, batch_id, snapshot_at DESC);

CREATE FUNCTION stocktake_absorb_late_movements() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The absorbing movements this function writes are not late themselves.
  IF pg_trigger_depth() > 1 THEN RETURN NULL; END IF;
  -- Most ledger writes (every sale) meet no count at all: one index probe says so.
  IF NOT EXISTS (SELECT 1 FROM stocktake_lines) THEN RETURN NULL; END IF;
  WITH late AS (
    SELECT n.branch_id, n.batch_id, n.product_id, n.qty, n.mutation_id, n.at, c.stocktake_id, c.line_no, c.snapshot_at
      FROM new_rows n
      CROSS JOIN LATERAL (
        SELECT l.stocktake_id, l.line_no, l.snapshot_at FROM stocktake_lines l
         WHERE l.branch_id = n.branch_id AND l.batch_id = n.batch_id AND l.snapshot_at >= n.at
           AND NOT (n.kind = 'stocktake' AND n.ref_id = l.stocktake_id)
         ORDER BY l.snapshot_at DESC, l.stocktake_id DESC LIMIT 1) c
  ), absorbed AS (
    INSERT INTO stock_movements (branch_id, batch_id, product_id, kind, qty, ref_id, mutation_id, at)
    SELECT branch_id, batch_id, product_id, 'stocktake', -qty, stocktake_id, mutation_id, snapshot_at FROM late
  ), lines AS (
    UPDATE stocktake_lines l SET server_expected_qty = l.server_expected_qty + s.qty, late_qty = l.late_qty + s.qty
      FROM (SELECT stocktake_id, line_no, SUM(qty)::integer AS qty FROM late GROUP BY stocktake_id, line_no) s
     WHERE l.stocktake_id = s.stocktake_id AND l.line_no = s.line_no
  ), flagged AS (
    INSERT INTO anomalies (kind, branch_id, device_id, mutation_id, ref_id, details)
    SELECT 'stocktake.late_movement', late.branch_id, st.device_id, st.mutation_id, late.stocktake_id,
           jsonb_build_object('batchId', late.batch_id, 'productId', late.product_id, 'qty', late.qty, 'movementAt', late.at,
                              'snapshotAt', late.snapshot_at, 'movementMutationId', late.mutation_id)
      FROM late JOIN stocktakes st ON st.id = late.stocktake_id
     WHERE st.applied_xid <> pg_current_xact_id()
  )
  INSERT INTO stock_levels (branch_id, batch_id, product_id, qty)
  SELECT branch_id, batch_id, (array_agg(product_id))[1], -SUM(qty)::integer FROM late
   GROUP BY branch_id, batch_id ORDER BY branch_id, batch_id
  ON CONFLICT (branch_id, batch_id) DO UPDATE SET qty = stock_levels.qty + EXCLUDED.qty;
  RETURN NULL;
END $$;

CREATE TRIGGER stock_movements_stocktake_late AFTER INSERT ON stock_movements
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stocktake_absorb_late_movements();

-- At commit, when every movement of the push is in the ledger: where the counter's expected
-- quantity differs from the server's, the count still stands (it is what was on the shelf), and
-- the difference is an anomaly to review.
CREATE FUNCTION stocktake_expected_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO anomalies (kind, branch_id, device_id, mutation_id, ref_id, details)
  SELECT 'stocktake.expected_mismatch', NEW.branch_id, NEW.device_id, NEW.mutation_id, NEW.id,
         jsonb_build_object('lineNo', l.line_no, 'batchId', l.batch_id, 'productId', l.product_id, 'deviceExpectedQty', l.device_expected_qty,
                            'serverExpectedQty', l.server_expected_qty, 'countedQty', l.counted_qty, 'snapshotAt', NEW.snapshot_at)
    FROM stocktake_lines l WHERE l.stocktake_id = NEW.id AND l.device_expected_qty <> l.server_expected_qty
   ORDER BY l.line_no;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER stocktakes_expected_check AFTER INSERT ON stocktakes
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION stocktake_expected_check();
