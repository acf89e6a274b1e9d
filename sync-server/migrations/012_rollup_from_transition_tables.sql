-- Rollups of inserted lines and payments straight from the statement's transition table, instead of
-- reading the rows back from the tables by sale id (the push path writes hundreds per statement).
-- Same figures as 009's functions, which the void path still uses.
CREATE OR REPLACE FUNCTION rollup_lines_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_product_day AS r (branch_id, business_date, product_id, brand, qty, lines, gross_paise, discount_paise, taxable_paise, tax_paise, net_paise)
  SELECT l.branch_id, s.business_date, l.product_id, l.brand, SUM(l.qty), COUNT(*), SUM(l.qty * l.unit_price_paise), SUM(l.discount_paise),
         SUM(l.taxable_paise), SUM(l.cgst_paise + l.sgst_paise + l.igst_paise), SUM(l.net_paise)
    FROM new_rows l JOIN sales s ON s.id = l.sale_id
   WHERE s.status = 'completed'
   GROUP BY l.branch_id, s.business_date, l.product_id, l.brand
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (branch_id, business_date, product_id, brand) DO UPDATE SET
    qty = r.qty + EXCLUDED.qty, lines = r.lines + EXCLUDED.lines, gross_paise = r.gross_paise + EXCLUDED.gross_paise,
    discount_paise = r.discount_paise + EXCLUDED.discount_paise, taxable_paise = r.taxable_paise + EXCLUDED.taxable_paise,
    tax_paise = r.tax_paise + EXCLUDED.tax_paise, net_paise = r.net_paise + EXCLUDED.net_paise;
  INSERT INTO rollup_tax_day AS r (branch_id, business_date, rate_bp, hsn, b2b, lines, taxable_paise, cgst_paise, sgst_paise, igst_paise)
  SELECT l.branch_id, s.business_date, l.rate_bp, l.hsn, s.buyer_gstin IS NOT NULL, COUNT(*), SUM(l.taxable_paise), SUM(l.cgst_paise), SUM(l.sgst_paise), SUM(l.igst_paise)
    FROM new_rows l JOIN sales s ON s.id = l.sale_id
   WHERE s.status = 'completed'
   GROUP BY l.branch_id, s.business_date, l.rate_bp, l.hsn, s.buyer_gstin IS NOT NULL
   ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (branch_id, business_date, rate_bp, hsn, b2b) DO UPDATE SET
    lines = r.lines + EXCLUDED.lines, taxable_paise = r.taxable_paise + EXCLUDED.taxable_paise, cgst_paise = r.cgst_paise + EXCLUDED.cgst_paise,
    sgst_paise = r.sgst_paise + EXCLUDED.sgst_paise, igst_paise = r.igst_paise + EXCLUDED.igst_paise;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION rollup_payments_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_payment_day AS r (branch_id, business_date, method, payments, amount_paise)
  SELECT p.branch_id, s.business_date, p.method, COUNT(*), SUM(p.amount_paise)
    FROM new_rows p JOIN sales s ON s.id = p.sale_id
   WHERE s.status = 'completed'
   GROUP BY p.branch_id, s.business_date, p.method
   ORDER BY 1, 2, 3
  ON CONFLICT (branch_id, business_date, method) DO UPDATE SET payments = r.payments + EXCLUDED.payments, amount_paise = r.amount_paise + EXCLUDED.amount_paise;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION rollup_sales_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_sales_day AS r (branch_id, business_date, sales, gross_paise, discount_paise, taxable_paise, cgst_paise, sgst_paise, igst_paise, round_off_paise, total_paise)
  SELECT branch_id, business_date, COUNT(*), SUM(gross_paise), SUM(discount_paise), SUM(taxable_paise), SUM(cgst_paise), SUM(sgst_paise), SUM(igst_paise),
         SUM(round_off_paise), SUM(total_paise)
    FROM new_rows WHERE status = 'completed'
   GROUP BY branch_id, business_date
   ORDER BY 1, 2
  ON CONFLICT (branch_id, business_date) DO UPDATE SET
    sales = r.sales + EXCLUDED.sales, gross_paise = r.gross_paise + EXCLUDED.gross_paise, discount_paise = r.discount_paise + EXCLUDED.discount_paise,
    taxable_paise = r.taxable_paise + EXCLUDED.taxable_paise, cgst_paise = r.cgst_paise + EXCLUDED.cgst_paise, sgst_paise = r.sgst_paise + EXCLUDED.sgst_paise,
    igst_paise = r.igst_paise + EXCLUDED.igst_paise, round_off_paise = r.round_off_paise + EXCLUDED.round_off_paise, total_paise = r.total_paise + EXCLUDED.total_paise;
  RETURN NULL;
END $$;
