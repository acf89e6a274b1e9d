-- The outbox publisher (sync-server/src/outbox/): every applied mutation's event waits here until
-- JetStream has acknowledged it. A publisher claims a batch with FOR UPDATE SKIP LOCKED in a short
-- transaction and takes a lease on it (claimed_by, claimed_until), publishes outside any
-- transaction (a transaction held across broker round trips would hold back the pull feed's
-- horizon), then marks each event published only for the lease it still owns. A lease that runs out
-- (a publisher died between publish and mark) lets another publisher take the event again; the
-- redelivery carries the same Nats-Msg-Id, which JetStream deduplicates.
ALTER TABLE outbox ADD COLUMN status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'dead'));
ALTER TABLE outbox ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE outbox ADD COLUMN claimed_by text;
ALTER TABLE outbox ADD COLUMN claimed_until timestamptz;
ALTER TABLE outbox ADD COLUMN first_attempt_at timestamptz;
ALTER TABLE outbox ADD COLUMN last_attempt_at timestamptz;
ALTER TABLE outbox ADD COLUMN last_error text;
-- What the broker answered last (a PubAck, or its error), for the dead-letter view.
ALTER TABLE outbox ADD COLUMN broker_answer jsonb;
ALTER TABLE outbox ADD COLUMN stream_seq bigint;
-- Commit order within a transaction too (created_at is the transaction's start, shared by its events).
ALTER TABLE outbox ADD COLUMN seq bigserial;
UPDATE outbox SET status = 'published' WHERE published_at IS NOT NULL;
DROP INDEX IF EXISTS outbox_unpublished;
CREATE INDEX outbox_due ON outbox (seq) WHERE status = 'pending';
CREATE INDEX outbox_dead ON outbox (last_attempt_at) WHERE status = 'dead';

-- Wake publishers at commit (NOTIFY is delivered when the inserting transaction commits).
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('similia_outbox', '');
  RETURN NULL;
END $$;
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
