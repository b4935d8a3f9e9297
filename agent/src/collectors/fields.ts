/** JavaScript's `\s` among the characters latin1-decoded procfs text can hold (TAB–CR, space, NBSP). */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 160;
}

/**
 * `text.slice(from, to).trim().split(/\s+/)` without a regular expression or the intermediate
 * strings: /proc/diskstats and /proc/net/dev are split this way at every sample, and the regex split
 * was the dearest JavaScript of a collection. Same result for latin1 text, `['']` for a blank range.
 */
export function whitespaceFields(text: string, from = 0, to = text.length): string[] {
  const fields: string[] = [];
  let start = -1;
  for (let i = from; i < to; i++) {
    if (isSpace(text.charCodeAt(i))) {
      if (start !== -1) fields.push(text.slice(start, i));
      start = -1;
    } else if (start === -1) start = i;
  }
  if (start !== -1) fields.push(text.slice(start, to));
  if (fields.length === 0) fields.push('');
  return fields;
}
