const SHORTCUTS: [string, string][] = [
  ['F1', 'help'],
  ['F2', 'search'],
  ['F4', 'customer'],
  ['F6', 'recent / reprint'],
  ['F8', 'hold'],
  ['F9', 'recall'],
  ['F10', 'pay'],
  ['↑↓ Enter', 'pick'],
  ['+ / −', 'qty of last line'],
  ['Del', 'remove last line'],
  ['Esc', 'cancel'],
  ['Ctrl+Y', 'sync status'],
  ['Ctrl+L', 'log out'],
];

export function ShortcutBar() {
  return (
    <footer className="shortcuts" aria-label="Keyboard shortcuts">
      {SHORTCUTS.map(([key, what]) => (
        <span key={key}>
          <kbd>{key}</kbd> {what}
        </span>
      ))}
    </footer>
  );
}

export { SHORTCUTS };
