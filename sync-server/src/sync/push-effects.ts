/**
 * Writes a mutation leaves for the end of its push: stock movements, anomalies, outbox events.
 * A handler collects them in its `MutationEffects`; the push keeps them only if the mutation
 * applies, and writes everything of the push in a few multi-row statements just before commit.
 *
 * Why levels wait for the end: a push is one transaction, so every stock level it moves stays
 * locked until commit. Moving them all in ONE statement in (branch, batch) order means two
 * concurrent pushes lock levels in the same order and cannot deadlock, and each level is locked
 * only for the last moments of the transaction. A level's value after each movement is replayed
 * from the final value, so `stock.negative` is raised exactly as if each movement had moved it.
 */
import { newIds } from '../auth/secrets.js';
import type { Queryable } from '../db/db.js';
import { recordAnomalies, type Anomaly } from './anomalies.js';
import { recordMovements, type StockMovement } from './stock.js';

export interface OutboxEvent {
  type: string;
  aggregateId: string;
  branchId: string;
  payload: Record<string, unknown>;
}

/** Who a `stock.negative` anomaly is about when a movement leaves its level below 0. */
export type NegativeLevelRef = Omit<Anomaly, 'kind' | 'details'>;

interface PendingMovement {
  movement: StockMovement;
  ifNegative: NegativeLevelRef | undefined;
}

/** One mutation's deferred writes; discarded with the mutation if it is rejected. */
export class MutationEffects {
  readonly movements: PendingMovement[] = [];
  readonly anomalies: Anomaly[] = [];
  readonly events: OutboxEvent[] = [];

  /** A ledger movement; `ifNegative` raises `stock.negative` when the level ends up below 0 after it. */
  move(movement: StockMovement, ifNegative?: NegativeLevelRef): void {
    this.movements.push({ movement, ifNegative });
  }

  flag(anomaly: Anomaly): void {
    this.anomalies.push(anomaly);
  }

  publish(event: OutboxEvent): void {
    this.events.push(event);
  }
}

/** Everything the applied mutations of one push still have to write, in apply order. */
export class PushEffects {
  private readonly movements: PendingMovement[] = [];
  private readonly anomalies: Anomaly[] = [];
  private readonly events: OutboxEvent[] = [];

  absorb(effects: MutationEffects): void {
    this.movements.push(...effects.movements);
    this.anomalies.push(...effects.anomalies);
    this.events.push(...effects.events);
  }

  /** Writes movements, levels, anomalies and events; call once, last thing before commit. */
  async flush(tx: Queryable): Promise<void> {
    const anomalies = [...this.anomalies, ...(await this.writeStock(tx))];
    await recordAnomalies(tx, anomalies);
    if (this.events.length > 0) {
      const e = this.events;
      await tx.query(
        `INSERT INTO outbox (id, type, aggregate_id, branch_id, payload)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::jsonb[])`,
        [newIds(e.length), e.map((x) => x.type), e.map((x) => x.aggregateId), e.map((x) => x.branchId), e.map((x) => JSON.stringify(x.payload))],
      );
    }
  }

  /** Inserts the ledger rows, moves the levels, and returns the `stock.negative` anomalies. */
  private async writeStock(tx: Queryable): Promise<Anomaly[]> {
    if (this.movements.length === 0) return [];
    const m = this.movements.map((p) => p.movement);
    const finalLevels = await recordMovements(tx, m);
    const key = (x: StockMovement): string => `${x.branchId}/${x.batchId}`;
    // The level before this push = final − everything this push moved; then replay in apply order.
    const running = new Map<string, number>();
    for (const [k, qty] of finalLevels) running.set(k, qty);
    for (const x of m) running.set(key(x), (running.get(key(x)) ?? 0) - x.qty);
    const negative: Anomaly[] = [];
    for (const { movement: x, ifNegative } of this.movements) {
      const level = (running.get(key(x)) ?? 0) + x.qty;
      running.set(key(x), level);
      if (ifNegative !== undefined && level < 0) negative.push({ ...ifNegative, kind: 'stock.negative', details: { batchId: x.batchId, productId: x.productId, qty: level } });
    }
    return negative;
  }
}
