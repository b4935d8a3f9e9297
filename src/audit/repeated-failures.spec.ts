import { describe, expect, it, jest } from '@jest/globals';
import type { Logger } from '@nestjs/common';
import type { AuditEntry, AuditService } from './audit.service.js';
import { MAX_KINDS, RepeatedFailures } from './repeated-failures.js';

function setup() {
  const written: AuditEntry[] = [];
  const audit = {
    record: (e: AuditEntry) => {
      written.push(e);
      return Promise.resolve();
    },
  } as unknown as AuditService;
  const warn = jest.fn();
  const logger = { warn } as unknown as Logger;
  const failures = new RepeatedFailures(audit);
  const fail = (kind: string, ip: string, now = 1_000) =>
    failures.failure(
      kind,
      {
        actor: { via: 'agent' },
        action: 'agent.authenticate',
        outcome: 'failure',
        ip,
        detail: { reason: kind },
      },
      { logger, message: 'agent authentication failed', fields: { ip } },
      now,
    );
  return { failures, written, warn, fail };
}

describe('RepeatedFailures', () => {
  it('writes the first failure of a kind at once and the repeats as one counted entry and one log line', async () => {
    const { failures, written, warn, fail } = setup();
    for (let i = 0; i < 1000; i++)
      await fail('bad-token', `10.0.${Math.floor(i / 250)}.${i % 250}`, 1_000 + i);
    expect(written).toHaveLength(1);
    expect(warn).toHaveBeenCalledTimes(1);
    await failures.flush();
    expect(written).toHaveLength(2);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(written[1]!.detail).toMatchObject({ reason: 'bad-token', repeated: 999, addresses: 999 });
    expect(warn.mock.calls[1]![1]).toContain('999 more times from 999 addresses');
    // A new window starts fresh: the next failure is written at once again.
    await fail('bad-token', '10.9.9.9');
    expect(written).toHaveLength(3);
    await failures.onModuleDestroy();
  });

  it('keeps one address on a summary when all repeats came from it, and writes nothing for a lone failure', async () => {
    const { failures, written, fail } = setup();
    await fail('a', '192.0.2.1');
    await fail('a', '192.0.2.1');
    await fail('b', '192.0.2.2');
    await failures.flush();
    expect(written.map((e) => [e.detail?.['reason'], e.ip, e.detail?.['repeated']])).toEqual([
      ['a', '192.0.2.1', undefined],
      ['b', '192.0.2.2', undefined],
      ['a', '192.0.2.1', 1],
    ]);
    await failures.onModuleDestroy();
  });

  it('bounds the kinds it tracks: an attacker inventing kinds folds into one', async () => {
    const { failures, written, fail } = setup();
    for (let i = 0; i < MAX_KINDS + 5000; i++) await fail(`kind-${i}`, '192.0.2.9');
    expect(written).toHaveLength(MAX_KINDS + 1);
    await failures.flush();
    expect(written.at(-1)!.detail).toMatchObject({ repeated: 4999 });
    await failures.onModuleDestroy();
  });
});
