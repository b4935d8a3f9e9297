import { DEFAULT_FLEET_FILTER, MAX_PAGE, PAGE_SIZE, pageInfo, toQuery } from './fleet-filter';

describe('fleet filter', () => {
  it('turns the filter into the hub query, paging by PAGE_SIZE within the hub’s bounds', () => {
    expect(toQuery({ ...DEFAULT_FLEET_FILTER, q: '  web ', state: 'running', page: 2 })).toEqual({
      q: 'web',
      state: 'running',
      health: '',
      includeRemoved: 'false',
      limit: PAGE_SIZE,
      offset: 2 * PAGE_SIZE,
    });
    expect(toQuery({ ...DEFAULT_FLEET_FILTER, page: -3 }).offset).toBe(0);
    expect(toQuery({ ...DEFAULT_FLEET_FILTER, page: 1e9 }).offset).toBe(MAX_PAGE * PAGE_SIZE);
    expect(toQuery({ ...DEFAULT_FLEET_FILTER, q: 'x'.repeat(500) }).q.length).toBe(200);
    expect(toQuery({ ...DEFAULT_FLEET_FILTER, includeRemoved: true }).includeRemoved).toBe('true');
  });

  it('describes the page shown', () => {
    expect(pageInfo(0, 120, 50)).toEqual({ from: 1, to: 50, total: 120, prev: false, next: true });
    expect(pageInfo(2, 120, 20)).toEqual({ from: 101, to: 120, total: 120, prev: true, next: false });
    expect(pageInfo(0, 0, 0)).toEqual({ from: 0, to: 0, total: 0, prev: false, next: false });
  });
});
