export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(context: string): Logger;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export type LogSink = (line: string) => void;

/**
 * One JSON object per line on stderr (journald and `docker logs` keep it as is). Callers pass only
 * non-secret fields: tokens and enrollment keys are never handed to the logger.
 */
export class JsonLogger implements Logger {
  constructor(
    private readonly level: LogLevel = 'info',
    private readonly context = 'agent',
    private readonly sink: LogSink = (line) => process.stderr.write(line),
  ) {}

  debug(message: string, fields?: LogFields): void {
    this.write('debug', message, fields);
  }

  info(message: string, fields?: LogFields): void {
    this.write('info', message, fields);
  }

  warn(message: string, fields?: LogFields): void {
    this.write('warn', message, fields);
  }

  error(message: string, fields?: LogFields): void {
    this.write('error', message, fields);
  }

  child(context: string): Logger {
    return new JsonLogger(this.level, context, this.sink);
  }

  private write(level: Exclude<LogLevel, 'silent'>, message: string, fields?: LogFields): void {
    if (RANK[level] < RANK[this.level]) return;
    const entry = { time: new Date().toISOString(), level, context: this.context, msg: message, ...fields };
    this.sink(`${JSON.stringify(entry)}\n`);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
