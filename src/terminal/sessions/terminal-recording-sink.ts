/** Where the relay hands a session's output and resizes when it is recorded (never keystrokes). */
export interface TerminalRecordingSink {
  /** PTY output as relayed to the browser, in order. Never blocks: the write is buffered. */
  output(data: Buffer): void;
  resize(cols: number, rows: number): void;
}
