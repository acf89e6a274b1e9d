-- 003: device-local settings (printer, paper size, near-expiry window…) as JSON values, so a new
-- setting needs no migration. Synced configuration lives in its own tables, never here.
CREATE TABLE settings (
  key         TEXT PRIMARY KEY,
  value       TEXT NOT NULL CHECK (json_valid(value)),
  updated_at  TEXT NOT NULL
) STRICT;
