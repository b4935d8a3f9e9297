import { execFile } from 'node:child_process';

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ToolRunner {
  /** Runs `command` with `args` directly (execFile: no shell ever sees the arguments). */
  run(command: string, args: readonly string[], timeoutMs?: number): Promise<ToolResult>;
}

/** Thrown when the tool itself is missing (ENOENT), as on hosts without systemd installed. */
export class ToolMissingError extends Error {
  constructor(command: string) {
    super(`${command} is not installed`);
    this.name = 'ToolMissingError';
  }
}

export class ExecFileRunner implements ToolRunner {
  /** `env` (with its PATH) is what the tools run with; tests put fakes first on PATH. */
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  run(command: string, args: readonly string[], timeoutMs = 30_000): Promise<ToolResult> {
    return new Promise((resolve, reject) => {
      execFile(
        command,
        args,
        {
          env: { ...this.env, LC_ALL: 'C', SYSTEMD_PAGER: '', SYSTEMD_COLORS: '0' },
          timeout: timeoutMs,
          maxBuffer: 16 * 1024 * 1024,
          windowsHide: true,
        },
        (error, stdout, stderr) => {
          if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
            reject(new ToolMissingError(command));
            return;
          }
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }
}
