-- Customer search, history, loyalty points, B2B (issue 5).

-- Points and store credit are payment methods. SQLite cannot alter a CHECK, so sale_payments is
-- rebuilt with the wider one (columns as of 001; nothing references sale_payments).
CREATE TEMP TABLE sale_payments_copy AS SELECT id, sale_id, method, amount_paise, tendered_paise, reference FROM sale_payments;
DROP TABLE sale_payments;
CREATE TABLE sale_payments (
  id              TEXT PRIMARY KEY,
  sale_id         TEXT NOT NULL REFERENCES sales (id),
  method          TEXT NOT NULL CHECK (method IN ('cash', 'card', 'upi', 'points', 'store_credit')),
  amount_paise    INTEGER NOT NULL CHECK (amount_paise > 0),
  tendered_paise  INTEGER,
  reference       TEXT
) STRICT;
INSERT INTO sale_payments (id, sale_id, method, amount_paise, tendered_paise, reference)
  SELECT id, sale_id, method, amount_paise, tendered_paise, reference FROM sale_payments_copy ORDER BY rowid;
DROP TABLE sale_payments_copy;
CREATE INDEX sale_payments_sale ON sale_payments (sale_id);

-- Search by name: a case-insensitive index serves prefix ranges (customer-search.ts); phone
-- prefixes use customers_phone (004). Purchase history: this counter's sales of a customer.
CREATE INDEX customers_name ON customers (name COLLATE NOCASE);
CREATE INDEX sales_customer ON sales (customer_id, at) WHERE customer_id IS NOT NULL;
CREATE INDEX customer_ledger_source ON customer_ledger (source_id);
-- Other counters' sales of this branch arrive as JSON in replica_rows; history finds them by customer.
CREATE INDEX replica_sales_customer ON replica_rows (json_extract(row, '$.customerId')) WHERE table_name = 'sales';
