-- A completed sale is a fact even when it names a product or batch this server does not know
-- (catalogue not synced yet, a batch keyed in on the counter): it is stored with an anomaly
-- instead of being refused, so the ledger and the lines must not require the catalogue row.
ALTER TABLE sale_lines DROP CONSTRAINT IF EXISTS sale_lines_product_id_fkey;
ALTER TABLE sale_lines DROP CONSTRAINT IF EXISTS sale_lines_batch_id_fkey;
ALTER TABLE stock_movements DROP CONSTRAINT IF EXISTS stock_movements_product_id_fkey;
ALTER TABLE stock_movements DROP CONSTRAINT IF EXISTS stock_movements_batch_id_fkey;
ALTER TABLE stock_levels DROP CONSTRAINT IF EXISTS stock_levels_product_id_fkey;
ALTER TABLE stock_levels DROP CONSTRAINT IF EXISTS stock_levels_batch_id_fkey;

-- sale.voided: who voided, who approved, why. The feed row keeps `status` as the device-facing field.
ALTER TABLE sales ADD COLUMN voided_at timestamptz;
ALTER TABLE sales ADD COLUMN voided_by uuid;
ALTER TABLE sales ADD COLUMN void_approved_by uuid;
ALTER TABLE sales ADD COLUMN void_reason text;
ALTER TABLE sales ADD COLUMN void_mutation_id uuid;
