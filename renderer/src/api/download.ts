/**
 * Saves text as a file the way a browser does for a link with `download`: a Blob URL clicked
 * once. Works in browser mode and in the Electron window (the shell's session handles the save
 * dialog); the page never touches the file system itself.
 */
export function downloadText(filename: string, text: string, mime = 'text/csv;charset=utf-8'): void {
  // A byte-order mark so spreadsheet programs read the ₹ sign and names as UTF-8.
  const blob = new Blob(['\uFEFF', text], { type: mime });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: the download has read the Blob by then.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
