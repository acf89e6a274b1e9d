-- Customer search, history, loyalty points, B2B (issue 5).

-- Points and store credit are payment methods (sale.completed). The rollups group by method
-- and have no CHECK of their own (009, 012), so only the payment row's constraint widens.
DO $$
DECLARE c text;
BEGIN
  FOR c IN SELECT conname FROM pg_constraint
            WHERE conrelid = 'sale_payments'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%method%' LOOP
    EXECUTE format('ALTER TABLE sale_payments DROP CONSTRAINT %I', c);
  END LOOP;
END $$;
ALTER TABLE sale_payments ADD CONSTRAINT sale_payments_method_check
  CHECK (method IN ('cash', 'card', 'upi', 'points', 'store_credit'));

-- Search customers by name in the office (prefix, case-insensitive).
CREATE INDEX customers_name_lower ON customers (lower(name) text_pattern_ops);
