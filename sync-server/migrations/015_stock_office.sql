-- Goods receipt screen, adjustments with approval, stock alerts (issue 5).
--
-- An adjustment's value at cost as the server computed it when applying it (Σ |qty_delta| × the
-- batch's cost; unknown batches count 0). Above the approval threshold without a second manager
-- the adjustment still applies, with anomaly stock.adjustment_unapproved (docs/stock-office.md).
-- NULL for adjustments applied before this migration.
ALTER TABLE stock_adjustments ADD COLUMN value_paise bigint CHECK (value_paise >= 0);
