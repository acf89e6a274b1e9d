-- A retried rotation gets the same successor back (docs/sync-protocol.md, Tokens): the successor is
-- derived from this random salt and the device's rotation id, so the server can hand it out again
-- without ever storing the token itself.
ALTER TABLE refresh_tokens ADD COLUMN rotation_salt text;
