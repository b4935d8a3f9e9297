import type { CommandRunDetail, CommandTarget } from '@hivewatch/protocol';
import { parseRunEvent } from './run-events';
import { LIVE_TEXT_MAX_CHARS, applyRunEvent, viewOfDetail, type RunView } from './run-view';
import { terminalText } from './terminal-text';

function target(id: string, serverName: string, change: Partial<CommandTarget> = {}): CommandTarget {
  return {
    id,
    runId: 'run-1',
    serverId: `s-${id}`,
    serverName,
    state: 'queued',
    exitCode: null,
    signal: null,
    stdout: null,
    stderr: null,
    error: null,
    queuedAt: '2026-12-03T10:00:00.000Z',
    sentAt: null,
    startedAt: null,
    endedAt: null,
    ...change,
  };
}

function detail(results: CommandTarget[], change: Partial<CommandRunDetail> = {}): CommandRunDetail {
  return {
    id: 'run-1',
    command: 'for i in 1 2 3; do echo line-$i; done',
    targets: { serverIds: results.map((t) => t.serverId) },
    timeoutMs: 60_000,
    outputCapBytes: 65_536,
    maxParallel: 20,
    stopOnFirstFailure: false,
    offlineTtlSeconds: 3600,
    state: 'running',
    createdBy: 'u1',
    taskId: null,
    createdAt: '2026-12-03T10:00:00.000Z',
    endedAt: null,
    counts: { queued: results.length },
    results,
    ...change,
  };
}

const text = (v: RunView | null, id: string, stream: 'stdout' | 'stderr') => {
  const s = v?.targets.find((t) => t.target.id === id)?.[stream];
  return s ? s.head + s.tail : undefined;
};

describe('run view: applying the events of a run', () => {
  const snapshot = { type: 'snapshot', run: detail([target('b', 'web-02'), target('a', 'web-01')]) } as const;

  it('starts from the snapshot, targets by server name; nothing is patched before it', () => {
    expect(applyRunEvent(null, { type: 'output', targetId: 'a', stream: 'stdout', data: 'x' })).toBeNull();
    const v = applyRunEvent(null, snapshot);
    expect(v?.targets.map((t) => t.target.serverName)).toEqual(['web-01', 'web-02']);
    expect(v?.run).not.toHaveProperty('results');
  });

  it('appends live output per target and stream, in order, without touching the others', () => {
    let v = applyRunEvent(null, snapshot);
    v = applyRunEvent(v, { type: 'target', target: target('a', 'web-01', { state: 'running' }) });
    for (const data of ['line-1\n', 'line-2\n'])
      v = applyRunEvent(v, { type: 'output', targetId: 'a', stream: 'stdout', data });
    v = applyRunEvent(v, { type: 'output', targetId: 'a', stream: 'stderr', data: 'err\n' });
    v = applyRunEvent(v, { type: 'output', targetId: 'nope', stream: 'stdout', data: 'lost\n' });
    expect(text(v, 'a', 'stdout')).toBe('line-1\nline-2\n');
    expect(text(v, 'a', 'stderr')).toBe('err\n');
    expect(text(v, 'b', 'stdout')).toBe('');
    expect(v?.targets.find((t) => t.target.id === 'a')?.target.state).toBe('running');
  });

  it('replaces live text by the stored result, and ignores a chunk that comes after it', () => {
    let v = applyRunEvent(null, snapshot);
    v = applyRunEvent(v, { type: 'output', targetId: 'a', stream: 'stdout', data: 'line-1\n' });
    const done = target('a', 'web-01', {
      state: 'ok',
      exitCode: 0,
      stdout: { head: 'line-1\nline-2\n', tail: 'line-9\n', droppedBytes: 700, totalBytes: 721 },
      stderr: { head: '', tail: '', droppedBytes: 0, totalBytes: 0 },
    });
    v = applyRunEvent(v, { type: 'target', target: done });
    v = applyRunEvent(v, { type: 'output', targetId: 'a', stream: 'stdout', data: 'late\n' });
    const a = v?.targets.find((t) => t.target.id === 'a');
    expect(a?.stdout).toEqual({ head: 'line-1\nline-2\n', tail: 'line-9\n', droppedBytes: 700, live: false });
    expect(a?.target.exitCode).toBe(0);
  });

  it('updates the header with run events; a reload keeps live text, a new snapshot starts over', () => {
    let v = applyRunEvent(null, snapshot);
    v = applyRunEvent(v, { type: 'output', targetId: 'b', stream: 'stdout', data: 'so far\n' });
    const { results: _r, ...run } = detail([], {
      state: 'done',
      counts: { ok: 2 },
      endedAt: '2026-12-03T10:01:00.000Z',
    });
    v = applyRunEvent(v, { type: 'run', run });
    expect(v?.run.state).toBe('done');
    expect(v?.targets).toHaveLength(2);
    const read = detail([target('a', 'web-01'), target('b', 'web-02', { state: 'running' })]);
    expect(text(viewOfDetail(read, v), 'b', 'stdout')).toBe('so far\n');
    // a reconnected stream: the hub replays the recent output after its snapshot, so none is doubled
    let again = applyRunEvent(v, { type: 'snapshot', run: read });
    expect(text(again, 'b', 'stdout')).toBe('');
    again = applyRunEvent(again, { type: 'output', targetId: 'b', stream: 'stdout', data: 'so far\n' });
    expect(text(again, 'b', 'stdout')).toBe('so far\n');
  });

  it("takes a running target's output so far from a snapshot and goes on appending to it", () => {
    const soFar = { head: 'line-1\n', tail: '', droppedBytes: 0, totalBytes: 7 };
    let v = applyRunEvent(null, {
      type: 'snapshot',
      run: detail([target('a', 'web-01', { state: 'running', stdout: soFar })]),
    });
    v = applyRunEvent(v, { type: 'output', targetId: 'a', stream: 'stdout', data: 'line-2\n' });
    expect(text(v, 'a', 'stdout')).toBe('line-1\nline-2\n');
    // a change of a running target does not take back what was appended meanwhile
    v = applyRunEvent(v, {
      type: 'target',
      target: target('a', 'web-01', { state: 'running', stdout: soFar }),
    });
    expect(text(v, 'a', 'stdout')).toBe('line-1\nline-2\n');
    // ended without a result (cancelled before it answered): what was shown stays, nothing more is added
    v = applyRunEvent(v, { type: 'target', target: target('a', 'web-01', { state: 'cancelled' }) });
    v = applyRunEvent(v, { type: 'output', targetId: 'a', stream: 'stdout', data: 'late\n' });
    expect(v?.targets[0]?.stdout).toEqual({
      head: 'line-1\nline-2\n',
      tail: '',
      droppedBytes: 0,
      live: false,
    });
  });

  it('keeps the head and the newest tail of a flood of live output', () => {
    let v = applyRunEvent(null, snapshot);
    const chunk = 'x'.repeat(LIVE_TEXT_MAX_CHARS / 4 - 1) + '\n';
    for (let i = 0; i < 6; i++)
      v = applyRunEvent(v, { type: 'output', targetId: 'a', stream: 'stdout', data: chunk });
    const s = v?.targets.find((t) => t.target.id === 'a')?.stdout;
    expect(s?.head.length).toBe(LIVE_TEXT_MAX_CHARS / 2);
    expect(s?.tail.length).toBe(LIVE_TEXT_MAX_CHARS / 2);
    expect(s?.droppedBytes).toBe(LIVE_TEXT_MAX_CHARS / 2);
  });
});

describe('run events from the stream', () => {
  it('takes contract-shaped events and skips anything else', () => {
    expect(parseRunEvent('{"type":"output","targetId":"a","stream":"stdout","data":"hi"}')).toEqual({
      type: 'output',
      targetId: 'a',
      stream: 'stdout',
      data: 'hi',
    });
    expect(parseRunEvent('{"type":"output","targetId":"a","stream":"stdin","data":"hi"}')).toBeNull();
    expect(parseRunEvent('{"type":"snapshot"}')).toBeNull();
    expect(parseRunEvent('not json')).toBeNull();
  });
});

describe('terminal text', () => {
  it('drops colours, titles and cursor moves, and shows a rewritten line as it ended', () => {
    expect(terminalText('\x1b[1;31mred\x1b[0m plain')).toBe('red plain');
    expect(terminalText('\x1b]0;title\x07after')).toBe('after');
    expect(terminalText('10%\r50%\r100%\nnext\r\n')).toBe('100%\nnext\n');
    expect(terminalText('a\x07b\x08c\ttab')).toBe('abc\ttab');
    expect(terminalText('<b>not html</b>')).toBe('<b>not html</b>');
  });

  it('hides an escape sequence cut off at the end of what arrived so far', () => {
    expect(terminalText('ok \x1b[1;3')).toBe('ok ');
    expect(terminalText('ok \x1b[1;3' + '1mred')).toBe('ok red');
  });
});
