/* eslint-disable no-control-regex -- these patterns exist to find control characters */
/** CSI (colours, cursor moves), OSC (window titles, links) and the other two-byte ESC sequences. */
const CSI = /\x1b\[[0-?]*[ -/]*[@-~]/g;
const OSC = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;
const ESC = /\x1b[@-Z\\-_]/g;
/** A sequence cut off at the end of what arrived so far: its rest comes with the next chunk. */
const UNFINISHED = /\x1b(?:\[[0-?]*[ -/]*|\][^\x07\x1b]*)?$/;
/** Control characters other than tab and newline (carriage returns are handled first). */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/g;

/**
 * Command output as plain text for a `<pre>`: escape sequences removed, and a line rewritten with
 * carriage returns (progress bars) shown as it ended up. The result is bound as text, never as HTML.
 */
export function terminalText(raw: string): string {
  const text = raw.replace(OSC, '').replace(CSI, '').replace(ESC, '').replace(UNFINISHED, '');
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => {
      const parts = line.split('\r');
      // "50%\r100%" shows 100%; a trailing \r (the line is about to be rewritten) keeps what is there
      for (let i = parts.length - 1; i >= 0; i--) if (parts[i] !== '') return parts[i];
      return '';
    })
    .join('\n')
    .replace(CONTROL, '');
}
