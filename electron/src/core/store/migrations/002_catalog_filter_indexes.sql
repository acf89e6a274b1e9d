-- 002: a query that is only a potency ("30", "1m") or only a form ("drops") lists the catalogue by
-- name within that filter; these indexes let it read the first rows in order instead of sorting
-- every product on each keystroke.
CREATE INDEX products_potency_name ON products (potency, name);
CREATE INDEX products_form_name ON products (form, name);
