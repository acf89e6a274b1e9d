-- The change feed's row shapes move from one CASE in feed_columns() into a table, so a later
-- migration can put a new table on the feed without redefining the function (and without
-- dropping another migration's tables from it): SELECT feed_attach('table', 'branch_id', 'columns').
CREATE TABLE feed_tables (
  table_name text PRIMARY KEY,
  -- The select list over `r`, a row of the table: every field a device receives.
  columns text NOT NULL
);

INSERT INTO feed_tables (table_name, columns)
SELECT t, feed_columns(t)
  FROM unnest(ARRAY['branches', 'tax_rates', 'products', 'batches', 'customers', 'stock_levels', 'sales', 'sale_lines', 'sale_payments']) AS t;

-- STABLE, not IMMUTABLE: it reads a table. Called once per statement by feed_statement().
CREATE OR REPLACE FUNCTION feed_columns(p_table text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT columns FROM feed_tables WHERE table_name = p_table
$$;

-- Puts a table on the feed: p_scope is the column holding the branch scope, or '*' for
-- organisation-wide rows. The table needs an `id` column.
CREATE FUNCTION feed_attach(p_table text, p_scope text, p_columns text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO feed_tables (table_name, columns) VALUES (p_table, p_columns)
    ON CONFLICT (table_name) DO UPDATE SET columns = EXCLUDED.columns;
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION feed_statement(%L)',
    p_table || '_feed_insert', p_table, p_scope);
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION feed_statement(%L)',
    p_table || '_feed_update', p_table, p_scope);
  EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION feed_statement(%L)',
    p_table || '_feed_delete', p_table, p_scope);
END $$;
