import type { ITerminalInitOnlyOptions, ITerminalOptions, Terminal } from '@xterm/xterm';
import type { FitAddon } from '@xterm/addon-fit';

/** Colours and font shared by the live terminal and the recording player. */
export const XTERM_OPTIONS: ITerminalOptions = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace',
  fontSize: 13,
  cursorBlink: true,
  scrollback: 5000,
  theme: { background: '#0f1318', foreground: '#d9dee4', cursor: '#e0a31f', selectionBackground: '#3a4654' },
};

/**
 * xterm.js and its fit add-on, loaded on first use: only the Terminal tab and the session player
 * pull them in, never the console's first page.
 */
export async function createXterm(
  options: ITerminalOptions & ITerminalInitOnlyOptions,
): Promise<{ term: Terminal; fit: FitAddon }> {
  const [{ Terminal }, { FitAddon }] = await Promise.all([
    import('@xterm/xterm'),
    import('@xterm/addon-fit'),
  ]);
  const term = new Terminal({ ...XTERM_OPTIONS, ...options });
  const fit = new FitAddon();
  term.loadAddon(fit);
  return { term, fit };
}
