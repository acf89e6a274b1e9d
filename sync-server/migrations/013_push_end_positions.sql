-- Where each push's transaction ended in the change feed (011's end_seq), kept ONCE per
-- transaction instead of on every idempotency record it wrote: a push of a hundred mutations
-- inserts one row here instead of updating a hundred. A mutation's `pos` is
-- `<xid>:<end_seq>` of its record's xid; records written before this migration keep their own
-- end_seq (read first). xid8 never wraps, so one transaction, one row.
CREATE TABLE push_end_positions (
  xid     xid8 PRIMARY KEY,
  end_seq bigint NOT NULL
);
