import { describe, expect, it } from 'vitest';
import { acceptStatus, issueStatusRequest, NO_STATUS, type StatusOrder } from './status-order.js';

/** Issues requests in order, then answers them in the given order; returns which answers were shown. */
function run(requests: ('read' | 'action')[], answerOrder: number[]): number[] {
  let order: StatusOrder = NO_STATUS;
  const tickets = requests.map(() => {
    const issued = issueStatusRequest(order);
    order = issued.order;
    return issued.ticket;
  });
  const shown: number[] = [];
  for (const i of answerOrder) {
    const accepted = acceptStatus(order, tickets[i] as number, requests[i] as 'read' | 'action');
    order = accepted.order;
    if (accepted.show) shown.push(i);
  }
  return shown;
}

describe('which sync status answer is shown', () => {
  it.each([
    { name: 'reads answered in order are all shown', requests: ['read', 'read'], answers: [0, 1], shown: [0, 1] },
    { name: 'a read answered after a newer one is dropped', requests: ['read', 'read'], answers: [1, 0], shown: [1] },
    { name: 'an action answered after a newer read still wins', requests: ['action', 'read'], answers: [1, 0], shown: [1, 0] },
    { name: 'a read issued while an action was in flight and answered after it is dropped', requests: ['action', 'read'], answers: [0, 1], shown: [0] },
    { name: 'a read issued before an action and answered after it is dropped', requests: ['read', 'action'], answers: [1, 0], shown: [1] },
  ] as const)('$name', ({ requests, answers, shown }) => {
    expect(run([...requests], [...answers])).toEqual(shown);
  });

  it('a read issued after an action has answered is shown', () => {
    let order = issueStatusRequest(NO_STATUS).order;
    order = acceptStatus(order, 1, 'action').order;
    const next = issueStatusRequest(order);
    expect(acceptStatus(next.order, next.ticket, 'read').show).toBe(true);
  });
});
