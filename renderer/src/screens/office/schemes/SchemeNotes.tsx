import type { AppliedScheme } from '../../../../../shared/src/schemes.js';
import { formatINR } from '../../../../../shared/src/money.js';

/** "Scheme: <name> −₹x" (and "n free" for buy N get M) under a cart or invoice line; nothing when none applied. */
export function SchemeNotes(props: { schemes: readonly AppliedScheme[] | undefined; className?: string }) {
  if (props.schemes === undefined || props.schemes.length === 0) return null;
  return (
    <>
      {props.schemes.map((s) => (
        <div key={s.schemeId} className={`schemes-note ${props.className ?? ''}`} data-testid="scheme-note">
          Scheme: {s.name}
          {s.freeUnits > 0 ? ` · ${s.freeUnits} free` : ''} −{formatINR(s.discountPaise)}
        </div>
      ))}
    </>
  );
}
