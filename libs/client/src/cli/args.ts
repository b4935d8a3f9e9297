import { UsageError } from './usage-error.js';

/** Flags that would carry a credential: refused, so that a key never lands in a process list or CI log. */
const SECRET_FLAGS = ['--key', '--api-key', '--apikey', '--token', '--password'];

/** Throws when `args` tries to pass the API key as a flag. */
export function refuseSecretFlags(args: readonly string[]): void {
  for (const arg of args) {
    const flag = arg.split('=', 1)[0]?.toLowerCase() ?? '';
    if (SECRET_FLAGS.includes(flag)) {
      throw new UsageError(
        `${flag} is not accepted: the API key is never a command-line flag (it would show in process ` +
          'lists and CI logs). Set HIVEWATCH_API_KEY in the environment, e.g. from your CI secret store.',
      );
    }
  }
}

/**
 * `--from -1h` → `--from=-1h` for the given flags: `util.parseArgs` reads a value starting with a
 * dash as an option, but relative times (`-30m`) and negative limits (`--min -5`) are values.
 */
export function attachDashValues(args: readonly string[], flags: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const next = args[i + 1];
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    if (flags.includes(arg) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** Runs `parse` (Node's `util.parseArgs`) with its errors turned into usage errors of `command`. */
export function parsing<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new UsageError(message, command);
  }
}

/** The value of a one-of flag, or a usage error listing the choices. */
export function oneOf<T extends string>(
  value: string,
  choices: readonly T[],
  flag: string,
  command: string,
): T {
  const found = choices.find((c) => c === value);
  if (found === undefined) {
    throw new UsageError(
      `${flag} must be one of ${choices.join(', ')} (got ${JSON.stringify(value)})`,
      command,
    );
  }
  return found;
}

/** A finite number for a threshold flag. */
export function finiteNumber(value: string, flag: string, command: string): number {
  const n = value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(n) || Math.abs(n) > 1e15) {
    throw new UsageError(`${flag} must be a number (got ${JSON.stringify(value)})`, command);
  }
  return n;
}

/** Exactly `count` positionals, named in the error. */
export function positionals(values: string[], names: readonly string[], command: string): string[] {
  if (values.length > names.length) {
    throw new UsageError(`unexpected argument ${JSON.stringify(values[names.length])}`, command);
  }
  const missing = names.slice(values.length);
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(' and ')}`, command);
  return values;
}
