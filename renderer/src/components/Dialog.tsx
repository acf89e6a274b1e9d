import { useEffect, type ReactNode } from 'react';

/** A modal that closes on Esc and returns the focus to the search box (via onClose). */
export function Dialog(props: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const { onClose } = props;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <section className={`dialog ${props.wide === true ? 'dialog-wide' : ''}`} role="dialog" aria-modal="true" aria-label={props.title}>
        <header>
          <h2>{props.title}</h2>
          <button type="button" className="link" onClick={onClose} aria-label="Close">
            Esc ✕
          </button>
        </header>
        {props.children}
      </section>
    </div>
  );
}
