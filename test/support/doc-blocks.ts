import fs from 'node:fs';
import path from 'node:path';

/**
 * The fenced code blocks of one language in a Markdown file, in order, optionally only those under a
 * `## heading` (up to the next heading of level 2). Tests run what these return, so a doc and its test
 * cannot drift: a changed block changes what the test runs, a removed one fails `expectBlocks`.
 */
export function docBlocks(file: string, lang: string, section?: string): string[] {
  let text = fs.readFileSync(path.resolve(file), 'utf8');
  if (section !== undefined) {
    const start = text.indexOf(`\n## ${section}\n`);
    if (start < 0) throw new Error(`${file} has no section "## ${section}"`);
    const end = text.indexOf('\n## ', start + 1);
    text = text.slice(start, end < 0 ? undefined : end);
  }
  const fence = new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```', 'gm');
  return [...text.matchAll(fence)].map((m) => m[1] ?? '');
}

/** `docBlocks`, failing unless there are exactly `count` blocks (the shape the test was written for). */
export function expectBlocks(
  file: string,
  lang: string,
  section: string | undefined,
  count: number,
): string[] {
  const blocks = docBlocks(file, lang, section);
  if (blocks.length !== count)
    throw new Error(
      `${file}${section ? ` "## ${section}"` : ''} has ${blocks.length} ${lang} block(s), the test expects ${count}`,
    );
  return blocks;
}
