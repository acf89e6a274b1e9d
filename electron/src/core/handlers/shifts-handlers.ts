import type { ShiftsApi } from '../../../../shared/src/api/shifts-api.js';
import { ok } from '../../../../shared/src/errors.js';
import { CASH_MOVE_REASONS, DENOMINATION_KEYS, MAX_PIECES } from '../../../../shared/src/shifts.js';
import { id, MAX_PAISE, optionalId } from '../api/fields.js';
import type { Field } from '../api/validate.js';
import { ShiftService } from '../services/shift-service.js';
import type { FeatureHandlers, FeatureSchemas, HandlerDeps } from './handler.js';

const pieces: Field = { kind: 'int', min: 0, max: MAX_PIECES, optional: true };
const counts: Field = { kind: 'object', shape: Object.fromEntries(DENOMINATION_KEYS.map((k) => [k, pieces])) };
const amount: Field = { kind: 'int', min: 1, max: MAX_PAISE };

/** Argument schema of every ShiftsApi method. */
export const SHIFTS_SCHEMAS: FeatureSchemas<ShiftsApi> = {
  'shift.current': {},
  'shift.open': { floatPaise: { kind: 'int', min: 0, max: MAX_PAISE } },
  'shift.cashMove': {
    shiftId: id,
    direction: { kind: 'enum', values: ['in', 'out'] },
    reason: { kind: 'enum', values: Object.keys(CASH_MOVE_REASONS) },
    amountPaise: amount,
    note: { kind: 'string', max: 200, optional: true },
  },
  'shift.xReport': { shiftId: id },
  'shift.close': {
    shiftId: id,
    counts,
    note: { kind: 'string', max: 500, optional: true },
    managerStaffId: optionalId,
    managerPin: { kind: 'string', max: 8, optional: true, nullable: true },
  },
  'shift.zReport': { shiftId: id },
  'shift.list': { limit: { kind: 'int', min: 1, max: 200, optional: true } },
};

/** Handlers of Shifts: float, cash in/out, X and Z reports. */
export function shiftsHandlers(deps: HandlerDeps): FeatureHandlers<ShiftsApi> {
  const shifts = new ShiftService(deps.ctx);
  return {
    'shift.current': () => ok(shifts.current()),
    'shift.open': (args, staff) => shifts.open(deps.must(staff), args.floatPaise),
    'shift.cashMove': (args, staff) => shifts.cashMove(deps.must(staff), args),
    'shift.xReport': (args, staff) => shifts.xReport(deps.must(staff), args.shiftId),
    'shift.close': (args, staff) => shifts.close(deps.must(staff), args),
    'shift.zReport': (args, staff) => shifts.zReport(deps.must(staff), args.shiftId),
    'shift.list': (args) => ok(shifts.list(args.limit ?? 20)),
  };
}
