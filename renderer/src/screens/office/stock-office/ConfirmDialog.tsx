import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A small modal inside a back-office tab. It handles Esc itself (and stops it), so the back
 * office behind it stays open; Enter on the confirm button confirms.
 */
export function TabDialog(props: { title: string; onClose: () => void; children: ReactNode; testId: string }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>('[data-autofocus="true"]') ?? ref.current?.querySelector<HTMLElement>('input, select, button');
    first?.focus();
  }, []);
  return (
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <section
        ref={ref}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        data-testid={props.testId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            props.onClose();
          }
        }}
      >
        <header>
          <h2>{props.title}</h2>
          <button type="button" className="link" onClick={props.onClose} aria-label="Close">
            Esc ✕
          </button>
        </header>
        {props.children}
      </section>
    </div>
  );
}

export function ConfirmDialog(props: { title: string; text: string; confirmLabel: string; onConfirm: () => void; onCancel: () => void; testId: string }) {
  return (
    <TabDialog title={props.title} onClose={props.onCancel} testId={props.testId}>
      <p>{props.text}</p>
      <div className="stock-office-actions">
        <button type="button" className="danger-bg" data-autofocus="true" data-testid={`${props.testId}-yes`} onClick={props.onConfirm}>
          {props.confirmLabel} <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={props.onCancel}>
          Keep editing <kbd>Esc</kbd>
        </button>
      </div>
    </TabDialog>
  );
}
