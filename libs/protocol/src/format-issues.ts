import type { z } from 'zod';

/**
 * Turns a ZodError into one line a human (or a log search) can act on, e.g.
 * `payload.diskUsage[0].totalGB: expected number, received string`. Never includes input values,
 * so a bad frame carrying a token cannot leak it into a log line.
 */

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** At most this many problems are listed; the rest are counted. */
const MAX_LISTED = 10;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['payload','diskUsage',0,'totalGB']` → `payload.diskUsage[0].totalGB`; `[]` → `(root)`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? '(root)' : out;
}

/** All problems of `error`, `; `-separated. `prefix` is prepended to every path (e.g. `"payload"`). */
export function formatIssues(error: z.ZodError, prefix?: string): string {
  const base: Path = prefix === undefined ? [] : [prefix];
  const lines = error.issues.flatMap((issue) => describeWithPath(issue, base));
  const listed = lines.slice(0, MAX_LISTED);
  if (lines.length > MAX_LISTED) listed.push(`(and ${lines.length - MAX_LISTED} more)`);
  return listed.join('; ');
}

function describeWithPath(issue: Issue, base: Path): string[] {
  const path = [...base, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0 && issue.discriminator === undefined) {
    const branch = closestBranch(issue.errors);
    // A custom union message ("expected A or B") beats the closest branch's errors unless that branch
    // clearly matched further than the union itself with something other than missing fields.
    const vague = maxDepth(branch) === 0 || countMissing(branch) === branch.length;
    if (!(isCustomMessage(issue.message) && vague))
      return branch.flatMap((inner) => describeWithPath(inner, path));
  }
  return [`${formatPath(path)}: ${describe(issue)}`];
}

/**
 * The union member the sender most likely meant: fewest missing fields, then the one whose errors
 * sit deepest (it matched further), then fewest errors.
 */
function closestBranch(branches: readonly Issue[][]): Issue[] {
  const score = (issues: Issue[]): [number, number, number] => [
    countMissing(issues),
    -maxDepth(issues),
    issues.length,
  ];
  let best: Issue[] = branches[0] ?? [];
  for (const candidate of branches.slice(1)) {
    const [a, b] = [score(candidate), score(best)];
    if (a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])))) best = candidate;
  }
  return best;
}

function maxDepth(issues: readonly Issue[]): number {
  return Math.max(0, ...issues.map((issue) => issue.path.length));
}

function countMissing(issues: readonly Issue[]): number {
  return issues.filter(
    (issue) =>
      issue.code === 'invalid_type' &&
      (receivedOf(issue) === 'undefined' || issue.message.startsWith('missing')),
  ).length;
}

/** Our own messages start lower-case ("must be …", "expected …"); zod's defaults are capitalised. */
function isCustomMessage(message: string): boolean {
  return /^[a-z]/.test(message);
}

function receivedOf(issue: Issue): string | undefined {
  return /received (\w+)/.exec(issue.message)?.[1];
}

function describe(issue: Issue): string {
  if (isCustomMessage(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = issue.expected === 'int' ? 'integer' : issue.expected;
      const received = receivedOf(issue) ?? 'something else';
      if (received === 'undefined') return `missing (expected ${expected})`;
      if (expected === 'integer' && received === 'number')
        return 'expected integer, received non-integer number';
      return `expected ${expected}, received ${received}`;
    }
    case 'too_big':
      return bound(issue.origin, issue.inclusive === false ? '<' : '<=', issue.maximum, 'at most');
    case 'too_small':
      return bound(issue.origin, issue.inclusive === false ? '>' : '>=', issue.minimum, 'at least');
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern !== undefined
        ? `must match ${issue.pattern}`
        : `must be a valid ${issue.format}`;
    case 'invalid_value':
      return `expected ${oneOf(issue.values)}`;
    case 'invalid_union':
      return issue.discriminator !== undefined && 'options' in issue && issue.options !== undefined
        ? `expected ${oneOf(issue.options)}`
        : issue.message;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length === 1 ? '' : 's'}: ${issue.keys.join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      return issue.message.replace(/^Invalid input: /, '');
  }
}

function bound(origin: string, op: string, limit: number | bigint, words: string): string {
  if (origin === 'string')
    return limit === 1 && op === '>=' ? 'must not be empty' : `must be ${words} ${limit} characters`;
  if (origin === 'array' || origin === 'set') return `must have ${words} ${limit} items`;
  return `must be ${op} ${limit}`;
}

function oneOf(values: readonly unknown[]): string {
  const shown = values.map((value) => JSON.stringify(value) ?? String(value));
  return shown.length === 1 ? (shown[0] ?? '') : `one of ${shown.join(' | ')}`;
}
