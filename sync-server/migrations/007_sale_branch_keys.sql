-- Intentionally empty: the number is kept so later migrations stay in sequence.
-- A draft of this migration replaced the single-column keys of sale_lines and sale_payments with a
-- composite (sale_id, branch_id) key to sales. It was withdrawn before any release: on a table
-- without statistics the planner checks such a key through sales_branch_date (a scan of the
-- branch's sales for every line), which made concurrent pushes of one branch slower than one.
SELECT 1;
