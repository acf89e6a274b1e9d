import { SCHEME_KINDS, SCHEME_TARGET_TYPES, type SchemeKind, type SchemeTargetType } from '../../../../shared/src/schemes.js';
import { upsertScheme } from '../services/scheme-store.js';
import { stmt } from '../store/open-store.js';
import type { ReplicaAppliers } from './replica-appliers.js';

type Row = Record<string, unknown>;
const str = (row: Row, key: string): string | null => (typeof row[key] === 'string' ? (row[key] as string) : null);
const int = (row: Row, key: string): number | null => (typeof row[key] === 'number' && Number.isSafeInteger(row[key]) ? (row[key] as number) : null);

/** Pulled tables of Schemes and campaigns from the office, applied to the local store by table name. */
export const SCHEMES_REPLICA: ReplicaAppliers = {
  schemes: (db, change, id, now) => {
    // Schemes are deactivated, never deleted, at the office; a delete (or a row this build cannot
    // read) must still stop the scheme from applying at the counter.
    const row = change.row;
    const kind = str(row, 'kind') as SchemeKind | null;
    const targetType = str(row, 'targetType') as SchemeTargetType | null;
    const validFrom = str(row, 'validFrom');
    if (change.op === 'delete' || kind === null || !SCHEME_KINDS.includes(kind) || targetType === null || !SCHEME_TARGET_TYPES.includes(targetType) || validFrom === null) {
      stmt(db, /* sql */ `UPDATE schemes SET active = 0 WHERE id = ?`).run(id);
      return;
    }
    const branchIds = Array.isArray(row.branchIds) ? row.branchIds.filter((b): b is string => typeof b === 'string') : null;
    upsertScheme(db, {
      id, name: str(row, 'name') ?? '', kind, targetType, targetValue: str(row, 'targetValue') ?? '', percentBp: int(row, 'percentBp'), amountPaise: int(row, 'amountPaise'),
      buyQty: int(row, 'buyQty'), freeQty: int(row, 'freeQty'), minBillPaise: int(row, 'minBillPaise') ?? 0, validFrom, validTo: str(row, 'validTo'), branchIds,
      capBp: int(row, 'capBp'), active: row.active !== false, updatedAt: str(row, 'updatedAt') ?? now,
    });
  },
};
