-- Where a push's transaction ended in the change feed's sequence: nextval(change_seq) taken after
-- all of its writes. A feed entry includes a mutation's effects when it was written by the same
-- transaction (same xid) or has a sequence value above this one: any other writer of that row either
-- wrote before (and then this transaction overwrote the entry) or waited for this transaction's
-- row locks and took its sequence value after this one. (The xid alone does not order writes: an
-- older transaction may write a row after a younger one committed.)
ALTER TABLE applied_mutations ADD COLUMN end_seq bigint;
