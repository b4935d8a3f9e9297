import { describe, expect, it } from '@jest/globals';
import { parseArgs } from 'node:util';
import { attachDashValues, finiteNumber, oneOf, parsing, positionals, refuseSecretFlags } from './args.js';
import { UsageError } from './usage-error.js';

describe('command-line arguments', () => {
  it.each([['--key', 'hw_x'], ['--key=hw_x'], ['--api-key', 'hw_x'], ['--TOKEN=hw_x']])(
    'refuses a credential flag (%s)',
    (...args) => {
      expect(() => refuseSecretFlags(['check', 'web-1', ...args])).toThrow(
        /never a command-line flag.*HIVEWATCH_API_KEY/,
      );
    },
  );

  it('lets every other flag through', () => {
    expect(() => refuseSecretFlags(['check', '--metric', 'cpu', '--max', '80', '--keyboard'])).not.toThrow();
  });

  it('turns parseArgs errors into usage errors of the command', () => {
    const parse = () =>
      parsing('servers list', () =>
        parseArgs({ args: ['--nope'], options: {}, allowPositionals: true, strict: true }),
      );
    expect(parse).toThrow(UsageError);
    try {
      parse();
    } catch (err) {
      expect((err as UsageError).command).toBe('servers list');
      expect((err as UsageError).message).toContain('--nope');
    }
  });

  it('keeps relative times and negative numbers as values of their flag', () => {
    expect(
      attachDashValues(['web-1', '--from', '-1h', '--to', 'now', '--min', '-5'], ['--from', '--min']),
    ).toEqual(['web-1', '--from=-1h', '--to', 'now', '--min=-5']);
    expect(attachDashValues(['--from', '-h'], ['--from'])).toEqual(['--from', '-h']);
    expect(attachDashValues(['--', '--from', '-1h'], ['--from'])).toEqual(['--', '--from', '-1h']);
  });

  it('reads thresholds as finite numbers only', () => {
    expect(finiteNumber('80', '--max', 'check')).toBe(80);
    expect(finiteNumber('-0.5', '--min', 'check')).toBe(-0.5);
    for (const bad of ['', 'eighty', 'Infinity', 'NaN', '1e400', '1e16']) {
      expect(() => finiteNumber(bad, '--max', 'check')).toThrow(/--max must be a number/);
    }
  });

  it('checks choices and positionals', () => {
    expect(oneOf('csv', ['table', 'csv'] as const, '--format', 'metrics')).toBe('csv');
    expect(() => oneOf('xml', ['table', 'csv'] as const, '--format', 'metrics')).toThrow(
      '--format must be one of table, csv (got "xml")',
    );
    expect(positionals(['web-1'], ['<server>'], 'metrics')).toEqual(['web-1']);
    expect(() => positionals([], ['<server>'], 'metrics')).toThrow('missing <server>');
    expect(() => positionals(['a', 'b'], ['<server>'], 'metrics')).toThrow('unexpected argument "b"');
  });
});
