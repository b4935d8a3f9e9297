/** The part of node-pty's `IPty` a terminal session uses (node-pty 1.x, spawned with `encoding: null`). */
export interface PtyProcess {
  readonly pid: number;
  onData(listener: (data: string | Buffer) => void): unknown;
  onExit(listener: (event: { exitCode: number; signal?: number }) => void): unknown;
  write(data: string | Buffer): void;
  resize(cols: number, rows: number): void;
  pause(): void;
  resume(): void;
}

export interface PtySpawnOptions {
  cols: number;
  rows: number;
  cwd: string;
  env: Record<string, string>;
  uid?: number;
  gid?: number;
}

export type PtySpawner = (file: string, args: string[], options: PtySpawnOptions) => PtyProcess;
