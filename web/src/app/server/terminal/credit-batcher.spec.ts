import { CreditBatcher } from './credit-batcher';

describe('CreditBatcher', () => {
  it('never grants more than 4 MiB in one frame', () => {
    const grants: number[] = [];
    const batcher = new CreditBatcher((b) => grants.push(b), 16 * 1024 * 1024, 50);
    batcher.written(9 * 1024 * 1024);
    batcher.flush();
    expect(grants).toEqual([4 * 1024 * 1024, 4 * 1024 * 1024, 1024 * 1024]);
    batcher.written(0);
    batcher.flush();
    expect(grants).toHaveLength(3);
  });
});
