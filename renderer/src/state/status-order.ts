/**
 * Which sync-status answer to show when several are in flight. Reads are numbered when issued;
 * a read's answer is shown only if nothing issued later was shown already. An action's answer
 * (pair, sync now, retry) is always shown and voids every read issued before it answered, since
 * those may describe the store as it was before the action.
 */
export interface StatusOrder {
  /** Number of the last request issued. */
  issued: number;
  /** Requests up to this number are older than what is on screen. */
  shown: number;
}

export const NO_STATUS: StatusOrder = { issued: 0, shown: 0 };

export function issueStatusRequest(order: StatusOrder): { order: StatusOrder; ticket: number } {
  const ticket = order.issued + 1;
  return { order: { ...order, issued: ticket }, ticket };
}

export function acceptStatus(order: StatusOrder, ticket: number, kind: 'read' | 'action'): { order: StatusOrder; show: boolean } {
  if (kind === 'action') return { order: { ...order, shown: order.issued }, show: true };
  if (ticket <= order.shown) return { order, show: false };
  return { order: { ...order, shown: ticket }, show: true };
}
