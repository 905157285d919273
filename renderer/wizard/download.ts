/** Hands a file to the person: the browser's (or Electron's) download of a blob URL. */
export function downloadText(fileName: string, content: string | Uint8Array<ArrayBuffer>, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Chromium reads the blob after click() returns; a minute later it has long been copied.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
