import { Dialog } from '../components/Dialog.js';
import { shortcutsFor } from '../components/ShortcutBar.js';
import { useApp } from '../state/store.js';

export function HelpDialog() {
  const close = useApp((s) => s.closeDialog);
  const role = useApp((s) => s.staff?.role ?? null);
  return (
    <Dialog title="Keyboard at the counter" onClose={close}>
      <table className="list">
        <tbody>
          {shortcutsFor(role).map(([key, what]) => (
            <tr key={key}>
              <td>
                <kbd>{key}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
          <tr>
            <td>scan</td>
            <td>a barcode scanner adds the item directly, whatever is typed</td>
          </tr>
          <tr>
            <td>search</td>
            <td>“arnica 30” (30 = 30C), “nux v 200”, “ars alb 6x”, “calc carb 1m”, “arnica q” (mother tincture)</td>
          </tr>
        </tbody>
      </table>
    </Dialog>
  );
}
