-- Analytics rollups, kept in step with sales by statement triggers in the very transaction that
-- writes the sale (or voids it), so no write path can forget them and a report never sees half a
-- sale. Every figure is integer paise. A void subtracts the sale from the sales rollups and counts
-- it under voids. Reports (sync-server/src/reports/) read these; their tests compare every report
-- with a brute-force query over the raw sales.

-- The buyer's GSTIN as it was when the sale was made (B2B vs B2C in the GST summary); a later edit
-- of the customer does not move an invoice between the two.
ALTER TABLE sales ADD COLUMN buyer_gstin text;
UPDATE sales s SET buyer_gstin = c.gstin FROM customers c WHERE c.id = s.customer_id AND c.gstin IS NOT NULL;
CREATE FUNCTION sales_buyer_gstin() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.buyer_gstin := (SELECT gstin FROM customers WHERE id = NEW.customer_id);
  RETURN NEW;
END $$;
CREATE TRIGGER sales_buyer_gstin BEFORE INSERT ON sales FOR EACH ROW WHEN (NEW.customer_id IS NOT NULL AND NEW.buyer_gstin IS NULL) EXECUTE FUNCTION sales_buyer_gstin();

-- Per branch, business day: sales count and totals, discounts, voids.
CREATE TABLE rollup_sales_day (
  branch_id       uuid NOT NULL,
  business_date   text NOT NULL,
  sales           integer NOT NULL DEFAULT 0,
  gross_paise     bigint NOT NULL DEFAULT 0,
  discount_paise  bigint NOT NULL DEFAULT 0,
  taxable_paise   bigint NOT NULL DEFAULT 0,
  cgst_paise      bigint NOT NULL DEFAULT 0,
  sgst_paise      bigint NOT NULL DEFAULT 0,
  igst_paise      bigint NOT NULL DEFAULT 0,
  round_off_paise bigint NOT NULL DEFAULT 0,
  total_paise     bigint NOT NULL DEFAULT 0,
  voids           integer NOT NULL DEFAULT 0,
  voided_paise    bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (branch_id, business_date)
);

-- Per branch, day, product (with its brand as sold): quantities and money.
CREATE TABLE rollup_product_day (
  branch_id       uuid NOT NULL,
  business_date   text NOT NULL,
  product_id      uuid NOT NULL,
  brand           text NOT NULL,
  qty             bigint NOT NULL DEFAULT 0,
  lines           integer NOT NULL DEFAULT 0,
  gross_paise     bigint NOT NULL DEFAULT 0,
  discount_paise  bigint NOT NULL DEFAULT 0,
  taxable_paise   bigint NOT NULL DEFAULT 0,
  tax_paise       bigint NOT NULL DEFAULT 0,
  net_paise       bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (branch_id, business_date, product_id, brand)
);
CREATE INDEX rollup_product_day_product ON rollup_product_day (product_id, business_date);

-- Per branch, day, payment method.
CREATE TABLE rollup_payment_day (
  branch_id      uuid NOT NULL,
  business_date  text NOT NULL,
  method         text NOT NULL,
  payments       integer NOT NULL DEFAULT 0,
  amount_paise   bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (branch_id, business_date, method)
);

-- GST per branch, day, rate, HSN and B2B (the buyer had a GSTIN) or B2C.
CREATE TABLE rollup_tax_day (
  branch_id      uuid NOT NULL,
  business_date  text NOT NULL,
  rate_bp        integer NOT NULL,
  hsn            text NOT NULL,
  b2b            boolean NOT NULL,
  lines          integer NOT NULL DEFAULT 0,
  taxable_paise  bigint NOT NULL DEFAULT 0,
  cgst_paise     bigint NOT NULL DEFAULT 0,
  sgst_paise     bigint NOT NULL DEFAULT 0,
  igst_paise     bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (branch_id, business_date, rate_bp, hsn, b2b)
);

-- The sales of `sale_ids` added to (sign 1) or taken out of (sign -1) the line-level rollups.
-- Rows are upserted in key order, so concurrent pushes lock rollup rows in one order.
CREATE FUNCTION rollup_apply_lines(sale_ids uuid[], sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_product_day AS r (branch_id, business_date, product_id, brand, qty, lines, gross_paise, discount_paise, taxable_paise, tax_paise, net_paise)
  SELECT l.branch_id, s.business_date, l.product_id, l.brand, sign * SUM(l.qty), sign * COUNT(*), sign * SUM(l.qty * l.unit_price_paise), sign * SUM(l.discount_paise),
         sign * SUM(l.taxable_paise), sign * SUM(l.cgst_paise + l.sgst_paise + l.igst_paise), sign * SUM(l.net_paise)
    FROM sale_lines l JOIN sales s ON s.id = l.sale_id
   WHERE l.sale_id = ANY(sale_ids)
   GROUP BY l.branch_id, s.business_date, l.product_id, l.brand
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (branch_id, business_date, product_id, brand) DO UPDATE SET
    qty = r.qty + EXCLUDED.qty, lines = r.lines + EXCLUDED.lines, gross_paise = r.gross_paise + EXCLUDED.gross_paise,
    discount_paise = r.discount_paise + EXCLUDED.discount_paise, taxable_paise = r.taxable_paise + EXCLUDED.taxable_paise,
    tax_paise = r.tax_paise + EXCLUDED.tax_paise, net_paise = r.net_paise + EXCLUDED.net_paise;
  INSERT INTO rollup_tax_day AS r (branch_id, business_date, rate_bp, hsn, b2b, lines, taxable_paise, cgst_paise, sgst_paise, igst_paise)
  SELECT l.branch_id, s.business_date, l.rate_bp, l.hsn, s.buyer_gstin IS NOT NULL, sign * COUNT(*), sign * SUM(l.taxable_paise),
         sign * SUM(l.cgst_paise), sign * SUM(l.sgst_paise), sign * SUM(l.igst_paise)
    FROM sale_lines l JOIN sales s ON s.id = l.sale_id
   WHERE l.sale_id = ANY(sale_ids)
   GROUP BY l.branch_id, s.business_date, l.rate_bp, l.hsn, s.buyer_gstin IS NOT NULL
   ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (branch_id, business_date, rate_bp, hsn, b2b) DO UPDATE SET
    lines = r.lines + EXCLUDED.lines, taxable_paise = r.taxable_paise + EXCLUDED.taxable_paise, cgst_paise = r.cgst_paise + EXCLUDED.cgst_paise,
    sgst_paise = r.sgst_paise + EXCLUDED.sgst_paise, igst_paise = r.igst_paise + EXCLUDED.igst_paise;
$$;

CREATE FUNCTION rollup_apply_payments(sale_ids uuid[], sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_payment_day AS r (branch_id, business_date, method, payments, amount_paise)
  SELECT p.branch_id, s.business_date, p.method, sign * COUNT(*), sign * SUM(p.amount_paise)
    FROM sale_payments p JOIN sales s ON s.id = p.sale_id
   WHERE p.sale_id = ANY(sale_ids)
   GROUP BY p.branch_id, s.business_date, p.method
   ORDER BY 1, 2, 3
  ON CONFLICT (branch_id, business_date, method) DO UPDATE SET payments = r.payments + EXCLUDED.payments, amount_paise = r.amount_paise + EXCLUDED.amount_paise;
$$;

CREATE FUNCTION rollup_apply_sales(sale_ids uuid[], sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO rollup_sales_day AS r (branch_id, business_date, sales, gross_paise, discount_paise, taxable_paise, cgst_paise, sgst_paise, igst_paise,
    round_off_paise, total_paise, voids, voided_paise)
  SELECT s.branch_id, s.business_date, sign * COUNT(*), sign * SUM(s.gross_paise), sign * SUM(s.discount_paise), sign * SUM(s.taxable_paise),
         sign * SUM(s.cgst_paise), sign * SUM(s.sgst_paise), sign * SUM(s.igst_paise), sign * SUM(s.round_off_paise), sign * SUM(s.total_paise),
         CASE WHEN sign < 0 THEN COUNT(*) ELSE 0 END, CASE WHEN sign < 0 THEN SUM(s.total_paise) ELSE 0 END
    FROM sales s WHERE s.id = ANY(sale_ids)
   GROUP BY s.branch_id, s.business_date
   ORDER BY 1, 2
  ON CONFLICT (branch_id, business_date) DO UPDATE SET
    sales = r.sales + EXCLUDED.sales, gross_paise = r.gross_paise + EXCLUDED.gross_paise, discount_paise = r.discount_paise + EXCLUDED.discount_paise,
    taxable_paise = r.taxable_paise + EXCLUDED.taxable_paise, cgst_paise = r.cgst_paise + EXCLUDED.cgst_paise, sgst_paise = r.sgst_paise + EXCLUDED.sgst_paise,
    igst_paise = r.igst_paise + EXCLUDED.igst_paise, round_off_paise = r.round_off_paise + EXCLUDED.round_off_paise,
    total_paise = r.total_paise + EXCLUDED.total_paise, voids = r.voids + EXCLUDED.voids, voided_paise = r.voided_paise + EXCLUDED.voided_paise;
$$;

-- New completed sales count in the day rollup; their lines and payments as they are inserted.
CREATE FUNCTION rollup_sales_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM rollup_apply_sales(ARRAY(SELECT id FROM new_rows WHERE status = 'completed'), 1);
  RETURN NULL;
END $$;
CREATE FUNCTION rollup_lines_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM rollup_apply_lines(ARRAY(SELECT DISTINCT n.sale_id FROM new_rows n JOIN sales s ON s.id = n.sale_id WHERE s.status = 'completed'), 1);
  RETURN NULL;
END $$;
CREATE FUNCTION rollup_payments_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM rollup_apply_payments(ARRAY(SELECT DISTINCT n.sale_id FROM new_rows n JOIN sales s ON s.id = n.sale_id WHERE s.status = 'completed'), 1);
  RETURN NULL;
END $$;
-- A void takes the whole sale out of the sales figures and counts it as a void.
CREATE FUNCTION rollup_sales_voided() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  voided uuid[] := ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE o.status = 'completed' AND n.status = 'voided');
BEGIN
  IF cardinality(voided) > 0 THEN
    PERFORM rollup_apply_sales(voided, -1);
    PERFORM rollup_apply_lines(voided, -1);
    PERFORM rollup_apply_payments(voided, -1);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER sales_rollup_insert AFTER INSERT ON sales REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_sales_inserted();
CREATE TRIGGER sales_rollup_void AFTER UPDATE ON sales REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_sales_voided();
CREATE TRIGGER sale_lines_rollup AFTER INSERT ON sale_lines REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_lines_inserted();
CREATE TRIGGER sale_payments_rollup AFTER INSERT ON sale_payments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_payments_inserted();

-- Sales recorded before this migration.
SELECT rollup_apply_sales(ARRAY(SELECT id FROM sales WHERE status = 'completed'), 1);
SELECT rollup_apply_lines(ARRAY(SELECT id FROM sales WHERE status = 'completed'), 1);
SELECT rollup_apply_payments(ARRAY(SELECT id FROM sales WHERE status = 'completed'), 1);
UPDATE rollup_sales_day r SET voids = v.n, voided_paise = v.paise
  FROM (SELECT branch_id, business_date, COUNT(*) AS n, SUM(total_paise) AS paise FROM sales WHERE status = 'voided' GROUP BY 1, 2) v
 WHERE r.branch_id = v.branch_id AND r.business_date = v.business_date;
INSERT INTO rollup_sales_day (branch_id, business_date, voids, voided_paise)
SELECT branch_id, business_date, COUNT(*), SUM(total_paise) FROM sales WHERE status = 'voided' GROUP BY 1, 2
ON CONFLICT (branch_id, business_date) DO NOTHING;

CREATE INDEX sales_customer ON sales (customer_id, business_date) WHERE customer_id IS NOT NULL;
