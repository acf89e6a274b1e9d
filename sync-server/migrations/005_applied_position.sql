-- The feed position (xid8) of the transaction that applied each mutation. A push answer carries it
-- (`pos`), also for a duplicate, so a device knows which stock levels already include its movements.
ALTER TABLE applied_mutations ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();

-- A rotation whose answer was lost leaves the device holding the used token. A device that sent a
-- `rotationId` with the refresh and sends the same one again (with the same token, its successor
-- never used) is retrying, not a thief: it is rotated again (docs/sync-protocol.md, Tokens).
-- Only a SHA-256 of the rotation id is kept.
ALTER TABLE refresh_tokens ADD COLUMN replaced_by uuid;
ALTER TABLE refresh_tokens ADD COLUMN rotation_hash text;
