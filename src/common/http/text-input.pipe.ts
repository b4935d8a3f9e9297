import { BadRequestException, type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';

/** NUL, or a UTF-16 surrogate without its pair (what `"\ud800"` in JSON or `%ED%A0%80` decodes to). */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this refuses
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Values visited per argument; a body is at most 100 KB, so this is never reached by real input. */
const MAX_NODES = 100_000;

/** The path (`name`, `tags[2]`) of the first string in `value` that holds NUL or a lone surrogate. */
export function findBadText(value: unknown, root: string): string | null {
  const stack: [unknown, string][] = [[value, root]];
  for (let visited = 0; stack.length > 0; visited++) {
    if (visited > MAX_NODES) return root;
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (BAD_TEXT.test(v)) return path;
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, `${path}[${i}]`]));
    } else if (typeof v === 'object' && v !== null) {
      for (const [key, item] of Object.entries(v)) {
        if (BAD_TEXT.test(key)) return `${path}.${key.replace(BAD_TEXT, '?')}`;
        stack.push([item, path ? `${path}.${key}` : key]);
      }
    }
  }
  return null;
}

/**
 * Global: no request body, query or path parameter may carry NUL or an unpaired surrogate. Such a
 * string cannot be stored faithfully (SQLite and PostgreSQL treat NUL differently, a lone surrogate
 * has no UTF-8 form) nor shown, so it is refused at the edge with the field's path.
 */
@Injectable()
export class TextInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const root = metadata.type === 'body' ? '' : metadata.type;
    const bad = findBadText(value, metadata.data ? `${root ? `${root}.` : ''}${metadata.data}` : root);
    if (bad !== null) {
      throw new BadRequestException(
        `${bad || '(body)'}: must not contain NUL characters or unpaired UTF-16 surrogates`,
      );
    }
    return value;
  }
}
