/** Small zod-free checkers that mirror zod's behaviour (used by request-checks.ts and probe-checks.ts). */

import { CONTAINER_REF_PATTERN, SERVICE_NAME_PATTERN, STREAM_ID_PATTERN } from '../patterns.js';

export type Check = (value: unknown, path: string, errors: string[]) => unknown;

export const SAFE = Number.MAX_SAFE_INTEGER;

function received(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number' && !Number.isInteger(value)) return 'non-integer number';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** `missing (expected string)` for an absent field, `expected string, received number` otherwise. */
export function typeError(path: string, expected: string, value: unknown): string {
  return value === undefined
    ? `${path}: missing (expected ${expected})`
    : `${path}: expected ${expected}, received ${received(value)}`;
}

export function int(min = -SAFE, max = SAFE): Check {
  return (value, path, errors) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value))
      errors.push(typeError(path, 'integer', value));
    else if (value < min) errors.push(`${path}: must be >= ${min}`);
    else if (value > max) errors.push(`${path}: must be <= ${max}`);
    return value;
  };
}

export const bool: Check = (value, path, errors) => {
  if (typeof value !== 'boolean') errors.push(typeError(path, 'boolean', value));
  return value;
};

export function str(test: (text: string) => boolean, message: string): Check {
  return (value, path, errors) => {
    if (typeof value !== 'string') errors.push(typeError(path, 'string', value));
    else if (!test(value)) errors.push(`${path}: ${message}`);
    return value;
  };
}

export const pattern = (regex: RegExp, message: string): Check => str((text) => regex.test(text), message);
export const sized = (max: number): Check =>
  str(
    (text) => text.length >= 1 && text.length <= max,
    `must not be empty and at most ${max} characters long`,
  );

export const serviceName = pattern(
  SERVICE_NAME_PATTERN,
  'must be a service name made of A-Z a-z 0-9 @ . _ : - (max 256)',
);
export const containerRef = pattern(
  CONTAINER_REF_PATTERN,
  'must be a container id or name made of A-Z a-z 0-9 _ . -',
);
export const streamId = pattern(STREAM_ID_PATTERN, 'must be 1-64 characters of A-Z a-z 0-9 _ -');

export function oneOf(values: readonly string[]): Check {
  return (value, path, errors) => {
    if (typeof value !== 'string' || !values.includes(value))
      errors.push(`${path}: expected one of ${values.map((v) => JSON.stringify(v)).join(' | ')}`);
    return value;
  };
}

/** zod's `z.base64()`: the base64 alphabet, length a multiple of 4, decodable. */
const BASE64_CHARSET = /^[0-9a-zA-Z+/]*={0,2}$/;
export const base64 = str((text) => {
  if (text === '') return true;
  if (!BASE64_CHARSET.test(text) || /\s/.test(text) || text.length % 4 !== 0) return false;
  try {
    atob(text);
    return true;
  } catch {
    return false;
  }
}, 'must be base64');

/** zod's `z.url({ protocol: /^https$/ })`: trimmed, parseable, https; tabs and newlines removed. */
export const httpsUrl: Check = (value, path, errors) => {
  if (typeof value !== 'string') {
    errors.push(typeError(path, 'string', value));
    return value;
  }
  const trimmed = value.trim();
  const url = URL.parse(trimmed);
  if (url?.protocol !== 'https:') errors.push(`${path}: must be an https URL`);
  return trimmed.replace(/[\t\n\r]/g, '');
};

export function array(item: Check): Check {
  return (value, path, errors) => {
    if (!Array.isArray(value)) {
      errors.push(typeError(path, 'array', value));
      return value;
    }
    return value.map((entry, index) => item(entry, `${path}[${index}]`, errors));
  };
}

export const optional =
  (check: Check): Check =>
  (value, path, errors) =>
    value === undefined ? undefined : check(value, path, errors);

/** `z.object` (not strict): unknown keys are dropped, absent optional keys stay absent. */
export function object(shape: Record<string, Check>): Check {
  return (value, path, errors) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push(typeError(path, 'object', value));
      return value;
    }
    const input = value as Record<string, unknown>;
    const output: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(shape)) {
      const field = input[key];
      const result = check(field, `${path}.${key}`, errors);
      if (result !== undefined || key in input) output[key] = result;
    }
    return output;
  };
}

/** `.nullable()`: null passes as it is. */
export const nullable =
  (check: Check): Check =>
  (value, path, errors) =>
    value === null ? null : check(value, path, errors);

/** `z.array(…).min(min).max(max)`: the items checked, then the count. */
export function maxItems(max: number, check: Check, min = 0): Check {
  return (value, path, errors) => {
    const result = check(value, path, errors);
    if (Array.isArray(value) && value.length > max) errors.push(`${path}: must have at most ${max} items`);
    if (Array.isArray(value) && value.length < min) errors.push(`${path}: must have at least ${min} items`);
    return result;
  };
}
