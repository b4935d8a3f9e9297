/**
 * A JSON value as the fuzzer builds it, before it becomes frame text. Two things plain JS values
 * cannot say: a number literal written verbatim (`1e400` parses to Infinity, `-0` keeps its sign)
 * and an object with duplicate or hostile keys (`__proto__`) in a chosen order.
 */
export type JsonTree = null | boolean | number | string | JsonTree[] | JsonObject | RawNumber;

/** A number literal emitted as-is, e.g. `1e400`, `-1e400`, `-0`, `1.0e-400`. */
export class RawNumber {
  constructor(readonly text: string) {}
}

/** Object members in order; keys may repeat (JSON.parse keeps the last). */
export class JsonObject {
  constructor(readonly entries: readonly (readonly [string, JsonTree])[]) {}

  get(key: string): JsonTree | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--)
      if (this.entries[i]![0] === key) return this.entries[i]![1];
    return undefined;
  }

  with(key: string, value: JsonTree): JsonObject {
    return new JsonObject([...this.entries.filter(([k]) => k !== key), [key, value]]);
  }

  without(key: string): JsonObject {
    return new JsonObject(this.entries.filter(([k]) => k !== key));
  }
}

/** The frame text of a tree (compact, like every agent sends it). */
export function toJsonText(tree: JsonTree): string {
  const out: string[] = [];
  write(tree, out);
  return out.join('');
}

function write(tree: JsonTree, out: string[]): void {
  if (tree instanceof RawNumber) out.push(tree.text);
  else if (tree instanceof JsonObject) {
    out.push('{');
    tree.entries.forEach(([key, value], i) => {
      if (i > 0) out.push(',');
      out.push(JSON.stringify(key), ':');
      write(value, out);
    });
    out.push('}');
  } else if (Array.isArray(tree)) {
    out.push('[');
    tree.forEach((value, i) => {
      if (i > 0) out.push(',');
      write(value, out);
    });
    out.push(']');
  } else if (typeof tree === 'number') {
    // JSON.stringify turns -0 into 0 and non-finite numbers into null: neither is what was meant.
    if (!Number.isFinite(tree)) throw new Error(`non-finite number in a JSON tree: use RawNumber`);
    out.push(Object.is(tree, -0) ? '-0' : JSON.stringify(tree));
  } else out.push(JSON.stringify(tree));
}

/** A plain JSON value as a tree (for hand-written frames). */
export function fromJson(value: unknown): JsonTree {
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string')
    return value;
  if (Array.isArray(value)) return value.map(fromJson);
  if (typeof value === 'object')
    return new JsonObject(Object.entries(value).map(([k, v]) => [k, fromJson(v)] as const));
  throw new Error(`not JSON: ${typeof value}`);
}
