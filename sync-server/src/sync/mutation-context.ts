import type { Role } from '../../../shared/src/domain.js';
import type { ServerErrorCode } from '../http/errors.js';
import type { MutationEffects } from './push-effects.js';

/** The device the token names; scope comes from here, never from the request body. */
export interface PushingDevice {
  deviceId: string;
  branchId: string;
}

/** Everything a mutation handler may rely on, already checked. */
export interface MutationContext extends PushingDevice {
  mutationId: string;
  seq: number;
  /** ISO instant from the envelope: when the fact happened on the device. */
  at: string;
  actorId: string;
  /** The actor's role; the actor is known to belong to `branchId`. */
  actorRole: Role;
  /** Movements, anomalies and outbox events, written at the end of the push if this mutation applies. */
  effects: MutationEffects;
}

/** Thrown by a handler to undo its mutation (back to the mutation's savepoint) and answer `rejected` with `code`. */
export class MutationRejected extends Error {
  constructor(
    readonly code: ServerErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MutationRejected';
  }
}
