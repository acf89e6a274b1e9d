-- Catalogue, customers, the stock ledger, sales, push idempotency, anomalies, the outbox, and the
-- change feed devices pull. Money is bigint paise; business dates are 'YYYY-MM-DD' text.

ALTER TABLE branches ADD COLUMN address text NOT NULL DEFAULT '';
ALTER TABLE branches ADD COLUMN phone text NOT NULL DEFAULT '';

CREATE TABLE tax_rates (
  id              text PRIMARY KEY,
  hsn_prefix      text NOT NULL,
  category        text NOT NULL CHECK (category IN ('classical', 'proprietary', 'any')),
  rate_bp         integer NOT NULL CHECK (rate_bp >= 0),
  effective_from  text NOT NULL CHECK (effective_from ~ '^\d{4}-\d{2}-\d{2}$'),
  effective_to    text CHECK (effective_to ~ '^\d{4}-\d{2}-\d{2}$')
);

CREATE TABLE products (
  id            uuid PRIMARY KEY,
  sku           text NOT NULL UNIQUE,
  name          text NOT NULL,
  remedy        text NOT NULL,
  potency       text NOT NULL,
  form          text NOT NULL,
  pack_size     text NOT NULL,
  brand         text NOT NULL,
  hsn           text NOT NULL,
  tax_category  text NOT NULL CHECK (tax_category IN ('classical', 'proprietary')),
  mrp_paise     bigint NOT NULL CHECK (mrp_paise >= 0),
  barcode       text UNIQUE,
  active        boolean NOT NULL DEFAULT true
);

CREATE TABLE batches (
  id          uuid PRIMARY KEY,
  product_id  uuid NOT NULL REFERENCES products (id),
  batch_no    text NOT NULL,
  expiry      text NOT NULL CHECK (expiry ~ '^\d{4}-\d{2}-\d{2}$'),
  cost_paise  bigint NOT NULL CHECK (cost_paise >= 0),
  mrp_paise   bigint NOT NULL CHECK (mrp_paise >= 0),
  UNIQUE (product_id, batch_no)
);

-- Organisation-wide; last writer wins by the device's hybrid logical clock. Phone is not unique
-- here: two counters may record the same phone offline, and a fact is never refused (anomaly).
CREATE TABLE customers (
  id          uuid PRIMARY KEY,
  phone       text NOT NULL,
  name        text NOT NULL,
  gstin       text,
  state_code  text,
  hlc         text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customers_phone ON customers (phone);

-- The ledger: every change of stock is a movement; a level is the sum of its movements.
CREATE TABLE stock_movements (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  branch_id    uuid NOT NULL REFERENCES branches (id),
  batch_id     uuid NOT NULL REFERENCES batches (id),
  product_id   uuid NOT NULL REFERENCES products (id),
  kind         text NOT NULL CHECK (kind IN ('receipt', 'sale', 'void', 'return', 'adjustment', 'transfer_out', 'transfer_in', 'stocktake')),
  qty          integer NOT NULL CHECK (qty <> 0),
  ref_id       uuid,
  mutation_id  uuid,
  staff_id     uuid,
  at           timestamptz NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stock_movements_level ON stock_movements (branch_id, batch_id);

-- Kept in step with the ledger in the same transaction; may go negative (a fact, plus an anomaly).
CREATE TABLE stock_levels (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  branch_id   uuid NOT NULL REFERENCES branches (id),
  product_id  uuid NOT NULL REFERENCES products (id),
  batch_id    uuid NOT NULL REFERENCES batches (id),
  qty         integer NOT NULL,
  UNIQUE (branch_id, batch_id)
);

-- The idempotency record: one row per applied mutation, written in the mutation's transaction.
CREATE TABLE applied_mutations (
  id           uuid PRIMARY KEY,
  device_id    uuid NOT NULL REFERENCES devices (id),
  branch_id    uuid NOT NULL REFERENCES branches (id),
  seq          bigint NOT NULL,
  type         text NOT NULL,
  actor_id     uuid NOT NULL,
  at           timestamptz NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX applied_mutations_device ON applied_mutations (device_id, seq);

CREATE TABLE sales (
  id                 uuid PRIMARY KEY,
  branch_id          uuid NOT NULL REFERENCES branches (id),
  device_id          uuid NOT NULL REFERENCES devices (id),
  staff_id           uuid NOT NULL REFERENCES users (id),
  customer_id        uuid,  -- no FK: the customer may arrive later or never (anomaly)
  invoice_no         text NOT NULL,
  business_date      text NOT NULL,
  at                 timestamptz NOT NULL,
  place_of_supply    text NOT NULL,
  inter_state        boolean NOT NULL,
  gross_paise        bigint NOT NULL,
  discount_paise     bigint NOT NULL,
  taxable_paise      bigint NOT NULL,
  cgst_paise         bigint NOT NULL,
  sgst_paise         bigint NOT NULL,
  igst_paise         bigint NOT NULL,
  exact_total_paise  bigint NOT NULL,
  round_off_paise    bigint NOT NULL,
  total_paise        bigint NOT NULL,
  status             text NOT NULL DEFAULT 'completed' CHECK (status IN ('completed', 'voided')),
  mutation_id        uuid NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sales_branch_date ON sales (branch_id, business_date);
CREATE INDEX sales_invoice ON sales (device_id, invoice_no);

-- Lines keep the invoice snapshot (name, HSN, batch…) and the tax the server computed.
CREATE TABLE sale_lines (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sale_id           uuid NOT NULL REFERENCES sales (id),
  branch_id         uuid NOT NULL REFERENCES branches (id),
  line_no           integer NOT NULL,
  product_id        uuid NOT NULL REFERENCES products (id),
  batch_id          uuid NOT NULL REFERENCES batches (id),
  name              text NOT NULL,
  potency           text NOT NULL,
  form              text NOT NULL,
  pack_size         text NOT NULL,
  brand             text NOT NULL,
  hsn               text NOT NULL,
  batch_no          text NOT NULL,
  expiry            text NOT NULL,
  qty               integer NOT NULL CHECK (qty > 0),
  unit_price_paise  bigint NOT NULL,
  discount_paise    bigint NOT NULL,
  rate_bp           integer NOT NULL,
  taxable_paise     bigint NOT NULL,
  cgst_paise        bigint NOT NULL,
  sgst_paise        bigint NOT NULL,
  igst_paise        bigint NOT NULL,
  net_paise         bigint NOT NULL,
  UNIQUE (sale_id, line_no)
);

CREATE TABLE sale_payments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sale_id       uuid NOT NULL REFERENCES sales (id),
  branch_id     uuid NOT NULL REFERENCES branches (id),
  method        text NOT NULL CHECK (method IN ('cash', 'card', 'upi')),
  amount_paise  bigint NOT NULL CHECK (amount_paise > 0)
);
CREATE INDEX sale_payments_sale ON sale_payments (sale_id);

-- Facts the server accepted but would have computed differently (totals, negative stock, …).
CREATE TABLE anomalies (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind         text NOT NULL,
  branch_id    uuid,
  device_id    uuid,
  mutation_id  uuid,
  ref_id       uuid,
  details      jsonb NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX anomalies_branch ON anomalies (branch_id, created_at);

-- Events for the publisher (a later slice), written in the same transaction as the fact.
CREATE TABLE outbox (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  type          text NOT NULL,
  aggregate_id  uuid NOT NULL,
  branch_id     uuid,
  payload       jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  published_at  timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (created_at) WHERE published_at IS NULL;

-- ---------------------------------------------------------------------------------------------
-- The change feed. One entry per (table, scope, row): each write moves the entry to a new
-- position (writing transaction's xid8, sequence) and stores the row as devices see it. Pull hands
-- out entries in position order, only below the oldest running transaction, so nothing committed
-- late by a concurrent transaction is ever skipped (docs/sync-protocol.md). Scope '*' is the
-- whole organisation; otherwise a branch id. Triggers keep it in step, so no write path can forget.
CREATE SEQUENCE change_seq;
CREATE TABLE changes (
  table_name  text NOT NULL,
  scope       text NOT NULL,
  row_id      text NOT NULL,
  op          text NOT NULL CHECK (op IN ('upsert', 'delete')),
  row         jsonb NOT NULL,
  xid         xid8 NOT NULL,
  seq         bigint NOT NULL,
  PRIMARY KEY (table_name, scope, row_id)
);
CREATE INDEX changes_position ON changes (xid, seq);

CREATE FUNCTION iso_utc(ts timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;

CREATE FUNCTION record_change(p_table text, p_scope text, p_id text, p_op text, p_row jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO changes (table_name, scope, row_id, op, row, xid, seq)
  VALUES (p_table, p_scope, p_id, p_op, p_row, pg_current_xact_id(), nextval('change_seq'))
  ON CONFLICT (table_name, scope, row_id)
  DO UPDATE SET op = EXCLUDED.op, row = EXCLUDED.row, xid = EXCLUDED.xid, seq = EXCLUDED.seq
$$;

-- The row as devices see it: camelCase, and the listed fields are all a device ever receives.
CREATE FUNCTION feed_row(p_table text, j jsonb) RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN CASE p_table
    WHEN 'branches' THEN jsonb_build_object('id', j->'id', 'code', j->'code', 'name', j->'name',
      'stateCode', j->'state_code', 'gstin', j->'gstin', 'address', j->'address', 'phone', j->'phone')
    WHEN 'tax_rates' THEN jsonb_build_object('id', j->'id', 'hsnPrefix', j->'hsn_prefix', 'category', j->'category',
      'rateBp', j->'rate_bp', 'effectiveFrom', j->'effective_from', 'effectiveTo', j->'effective_to')
    WHEN 'products' THEN jsonb_build_object('id', j->'id', 'sku', j->'sku', 'name', j->'name', 'remedy', j->'remedy',
      'potency', j->'potency', 'form', j->'form', 'packSize', j->'pack_size', 'brand', j->'brand', 'hsn', j->'hsn',
      'taxCategory', j->'tax_category', 'mrpPaise', j->'mrp_paise', 'barcode', j->'barcode', 'active', j->'active')
    WHEN 'batches' THEN jsonb_build_object('id', j->'id', 'productId', j->'product_id', 'batchNo', j->'batch_no',
      'expiry', j->'expiry', 'costPaise', j->'cost_paise', 'mrpPaise', j->'mrp_paise')
    WHEN 'customers' THEN jsonb_build_object('id', j->'id', 'phone', j->'phone', 'name', j->'name', 'gstin', j->'gstin',
      'stateCode', j->'state_code', 'hlc', j->'hlc')
    WHEN 'stock_levels' THEN jsonb_build_object('id', j->'id', 'branchId', j->'branch_id', 'productId', j->'product_id',
      'batchId', j->'batch_id', 'qty', j->'qty')
    WHEN 'sales' THEN jsonb_build_object('id', j->'id', 'branchId', j->'branch_id', 'deviceId', j->'device_id',
      'staffId', j->'staff_id', 'customerId', j->'customer_id', 'invoiceNo', j->'invoice_no',
      'businessDate', j->'business_date', 'at', to_jsonb(iso_utc((j->>'at')::timestamptz)),
      'placeOfSupply', j->'place_of_supply', 'interState', j->'inter_state', 'grossPaise', j->'gross_paise',
      'discountPaise', j->'discount_paise', 'taxablePaise', j->'taxable_paise', 'cgstPaise', j->'cgst_paise',
      'sgstPaise', j->'sgst_paise', 'igstPaise', j->'igst_paise', 'exactTotalPaise', j->'exact_total_paise',
      'roundOffPaise', j->'round_off_paise', 'totalPaise', j->'total_paise', 'status', j->'status')
    WHEN 'sale_lines' THEN jsonb_build_object('id', j->'id', 'saleId', j->'sale_id', 'branchId', j->'branch_id',
      'lineNo', j->'line_no', 'productId', j->'product_id', 'batchId', j->'batch_id', 'name', j->'name',
      'potency', j->'potency', 'form', j->'form', 'packSize', j->'pack_size', 'brand', j->'brand', 'hsn', j->'hsn',
      'batchNo', j->'batch_no', 'expiry', j->'expiry', 'qty', j->'qty', 'unitPricePaise', j->'unit_price_paise',
      'discountPaise', j->'discount_paise', 'rateBp', j->'rate_bp', 'taxablePaise', j->'taxable_paise',
      'cgstPaise', j->'cgst_paise', 'sgstPaise', j->'sgst_paise', 'igstPaise', j->'igst_paise', 'netPaise', j->'net_paise')
    WHEN 'sale_payments' THEN jsonb_build_object('id', j->'id', 'saleId', j->'sale_id', 'branchId', j->'branch_id',
      'method', j->'method', 'amountPaise', j->'amount_paise')
  END;
END $$;

-- TG_ARGV[0]: the column holding the branch scope, or '*' for organisation-wide tables.
CREATE FUNCTION feed_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  scope_col text := TG_ARGV[0];
  scope_old text;
  scope_new text;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    scope_old := CASE WHEN scope_col = '*' THEN '*' ELSE to_jsonb(OLD)->>scope_col END;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    scope_new := CASE WHEN scope_col = '*' THEN '*' ELSE to_jsonb(NEW)->>scope_col END;
  END IF;
  IF scope_old IS NOT NULL AND scope_old IS DISTINCT FROM scope_new THEN
    PERFORM record_change(TG_TABLE_NAME, scope_old, OLD.id::text, 'delete', jsonb_build_object('id', OLD.id));
  END IF;
  IF scope_new IS NOT NULL THEN
    PERFORM record_change(TG_TABLE_NAME, scope_new, NEW.id::text, 'upsert', feed_row(TG_TABLE_NAME, to_jsonb(NEW)));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER branches_feed AFTER INSERT OR UPDATE OR DELETE ON branches FOR EACH ROW EXECUTE FUNCTION feed_trigger('*');
CREATE TRIGGER tax_rates_feed AFTER INSERT OR UPDATE OR DELETE ON tax_rates FOR EACH ROW EXECUTE FUNCTION feed_trigger('*');
CREATE TRIGGER products_feed AFTER INSERT OR UPDATE OR DELETE ON products FOR EACH ROW EXECUTE FUNCTION feed_trigger('*');
CREATE TRIGGER batches_feed AFTER INSERT OR UPDATE OR DELETE ON batches FOR EACH ROW EXECUTE FUNCTION feed_trigger('*');
CREATE TRIGGER customers_feed AFTER INSERT OR UPDATE OR DELETE ON customers FOR EACH ROW EXECUTE FUNCTION feed_trigger('*');
CREATE TRIGGER stock_levels_feed AFTER INSERT OR UPDATE OR DELETE ON stock_levels FOR EACH ROW EXECUTE FUNCTION feed_trigger('branch_id');
CREATE TRIGGER sales_feed AFTER INSERT OR UPDATE OR DELETE ON sales FOR EACH ROW EXECUTE FUNCTION feed_trigger('branch_id');
CREATE TRIGGER sale_lines_feed AFTER INSERT OR UPDATE OR DELETE ON sale_lines FOR EACH ROW EXECUTE FUNCTION feed_trigger('branch_id');
CREATE TRIGGER sale_payments_feed AFTER INSERT OR UPDATE OR DELETE ON sale_payments FOR EACH ROW EXECUTE FUNCTION feed_trigger('branch_id');

-- Users reach a device once per branch they belong to, with that branch as `branchId` and their
-- PIN hash (never the password hash). Leaving a branch is a delete in that branch's scope.
CREATE FUNCTION user_feed_row(p_user uuid, p_branch uuid) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('id', u.id, 'branchId', p_branch, 'username', u.username, 'name', u.name,
    'role', u.role, 'pinHash', u.pin_hash, 'active', u.active)
  FROM users u WHERE u.id = p_user
$$;

CREATE FUNCTION users_feed_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ub record;
BEGIN
  FOR ub IN SELECT branch_id FROM user_branches WHERE user_id = NEW.id LOOP
    PERFORM record_change('users', ub.branch_id::text, NEW.id::text, 'upsert', user_feed_row(NEW.id, ub.branch_id));
  END LOOP;
  RETURN NULL;
END $$;

CREATE FUNCTION user_branches_feed_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM record_change('users', OLD.branch_id::text, OLD.user_id::text, 'delete', jsonb_build_object('id', OLD.user_id));
  ELSE
    PERFORM record_change('users', NEW.branch_id::text, NEW.user_id::text, 'upsert', user_feed_row(NEW.user_id, NEW.branch_id));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER users_feed AFTER INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION users_feed_trigger();
CREATE TRIGGER user_branches_feed AFTER INSERT OR DELETE ON user_branches FOR EACH ROW EXECUTE FUNCTION user_branches_feed_trigger();

-- Rows that existed before the feed: put them in it.
UPDATE branches SET name = name;
UPDATE users SET name = name;
