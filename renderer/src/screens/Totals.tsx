import { formatINR, type Paise } from '../../../shared/src/money.js';
import { useApp } from '../state/store.js';

function Row(props: { label: string; value: Paise; testId?: string; strong?: boolean }) {
  return (
    <div className={`trow ${props.strong === true ? 'trow-strong' : ''}`}>
      <span>{props.label}</span>
      <span data-testid={props.testId}>{formatINR(props.value)}</span>
    </div>
  );
}

/** The bill at a glance; every figure comes from the core's quote. */
export function Totals() {
  const quote = useApp((s) => s.quote);
  const count = useApp((s) => s.lines.reduce((a, l) => a + l.qty, 0));
  if (quote === null) {
    return (
      <div className="totals">
        <div className="grand">
          <span>Total</span>
          <span data-testid="cart-total">₹0.00</span>
        </div>
      </div>
    );
  }
  const t = quote.totals;
  return (
    <div className="totals">
      <Row label={`Items (${count})`} value={t.grossPaise} />
      {t.discountPaise > 0 && <Row label="Discount" value={(-t.discountPaise) as Paise} />}
      <Row label="Taxable value" value={t.taxablePaise} />
      {t.interState ? (
        <Row label="IGST" value={t.igstPaise} />
      ) : (
        <>
          <Row label="CGST" value={t.cgstPaise} />
          <Row label="SGST" value={t.sgstPaise} />
        </>
      )}
      <Row label="Round-off" value={t.roundOffPaise} />
      <div className="grand">
        <span>Total</span>
        <span data-testid="cart-total">{formatINR(t.totalPaise)}</span>
      </div>
    </div>
  );
}
