-- Schemes and campaigns from the office (issue 5).
-- Owned by the office (admin REST API, routes/schemes-routes.ts), organisation-wide on the feed;
-- each device keeps those in force for its branch (branch_ids null = every branch). The counter
-- applies them with the pure engine in shared/src/schemes.ts. Never deleted: a sale names the
-- scheme it used, so a scheme is deactivated instead.
CREATE TABLE schemes (
  id              uuid PRIMARY KEY,
  name            text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
  kind            text NOT NULL CHECK (kind IN ('percent', 'amount', 'free_qty')),
  target_type     text NOT NULL CHECK (target_type IN ('product', 'brand', 'form', 'bill')),
  target_value    text NOT NULL DEFAULT '',
  percent_bp      integer CHECK (percent_bp BETWEEN 1 AND 10000),
  amount_paise    bigint CHECK (amount_paise >= 1),
  buy_qty         integer CHECK (buy_qty >= 1),
  free_qty        integer CHECK (free_qty >= 1),
  min_bill_paise  bigint NOT NULL DEFAULT 0 CHECK (min_bill_paise >= 0),
  valid_from      date NOT NULL,
  valid_to        date CHECK (valid_to IS NULL OR valid_to >= valid_from),
  branch_ids      uuid[],
  cap_bp          integer CHECK (cap_bp BETWEEN 0 AND 10000),
  active          boolean NOT NULL DEFAULT true,
  created_by      uuid,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'percent' OR percent_bp IS NOT NULL),
  CHECK (kind <> 'amount' OR amount_paise IS NOT NULL),
  CHECK (kind <> 'free_qty' OR (buy_qty IS NOT NULL AND free_qty IS NOT NULL AND target_type <> 'bill'))
);
CREATE INDEX schemes_window ON schemes (valid_from, valid_to);

SELECT feed_attach('schemes', '*',
  'r.id, r.name, r.kind, r.target_type AS "targetType", r.target_value AS "targetValue", r.percent_bp AS "percentBp", r.amount_paise AS "amountPaise",
   r.buy_qty AS "buyQty", r.free_qty AS "freeQty", r.min_bill_paise AS "minBillPaise", r.valid_from::text AS "validFrom", r.valid_to::text AS "validTo",
   r.branch_ids AS "branchIds", r.cap_bp AS "capBp", r.active, iso_utc(r.updated_at) AS "updatedAt"');

-- Which scheme gave how much on a sold line (the line's discount_paise is manual + scheme).
ALTER TABLE sale_lines ADD COLUMN scheme_id uuid, ADD COLUMN scheme_discount_paise bigint NOT NULL DEFAULT 0;
