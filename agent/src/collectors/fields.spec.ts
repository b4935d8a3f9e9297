import { readFileSync } from 'node:fs';
import { whitespaceFields } from './fields.js';

const regexSplit = (text: string): string[] => text.trim().split(/\s+/);

describe('whitespaceFields', () => {
  it('splits like trim().split(/\\s+/) on procfs-style lines', () => {
    for (const line of [
      ' 254       0 vda 93856 13161 3565762 27322',
      '  eth0: 309254103 12187 0 0 0 0 0 0 1244969 8898',
      'a\tb\u00a0c\u000bd\u000ce\rf',
      '',
      '   ',
      'single',
      '\u00a0lead and trail\t ',
    ])
      expect(whitespaceFields(line)).toEqual(regexSplit(line));
  });

  it('splits every latin1 string like the regex does (random inputs over spaces and text)', () => {
    const alphabet = [' ', '\t', '\n', '\r', '\u000b', '\u000c', '\u00a0', '\u0085', 'a', '7', ':', '\u00ff'];
    let seed = 42;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 2000; n++) {
      let text = '';
      for (let i = next() % 24; i > 0; i--) text += alphabet[next() % alphabet.length];
      expect(whitespaceFields(text)).toEqual(regexSplit(text));
    }
  });

  it('splits only the given range', () => {
    expect(whitespaceFields('xx: 1  2 3 yy', 3, 10)).toEqual(['1', '2', '3']);
  });

  it('splits this machine’s /proc/diskstats lines like the regex does', () => {
    for (const line of readFileSync('/proc/diskstats', 'latin1').split('\n'))
      expect(whitespaceFields(line)).toEqual(regexSplit(line));
  });
});
