import { CloseCode } from '@hivewatch/protocol';
import WebSocket from 'ws';
import type { ConnectionPlan, Frame } from './frames.js';
import { isErrorReply, verdict, type Verdict } from './oracle.js';

export interface AgentCredentials {
  id: string;
  token: string;
}

/** A frame whose fate differed from what the contract says (see oracle.ts): the reproducer. */
export interface FrameMismatch {
  frameIndex: number;
  kind: string;
  verdict: Verdict;
  /** What the hub did: error replies to this frame, or how the connection ended. */
  observed: string;
  frame: string;
}

export interface ConnectionOutcome {
  framesSent: number;
  /** Frames the hub processed that the contract says it must count as bad (refused + unmatched). */
  countable: number;
  refused: number;
  accepted: number;
  binary: number;
  malformed: number;
  /** Frames the hub refused with an error reply (whatever the contract says). */
  errorReplies: number;
  preAuth: boolean;
  mismatches: FrameMismatch[];
  /** Set when the hub closed the socket in a way the plan did not call for. */
  failure: string | null;
}

type Inbound = { kind: 'msg'; value: unknown } | { kind: 'pong'; n: number };

const AUTH_WAIT_MS = 10_000;
const DRAIN_WAIT_MS = 20_000;
const PRE_AUTH_CLOSE_MS = 15_000;

/** Runs one plan on its own socket. Per-frame attribution: a ping after each frame, answered in order. */
export async function runConnection(
  wsUrl: string,
  creds: AgentCredentials,
  plan: ConnectionPlan,
  maxFrameBytes: number,
): Promise<ConnectionOutcome> {
  const outcome: ConnectionOutcome = {
    framesSent: 0,
    countable: 0,
    refused: 0,
    accepted: 0,
    binary: 0,
    malformed: 0,
    errorReplies: 0,
    preAuth: plan.firstFrame !== null || plan.tokenInUrl,
    mismatches: [],
    failure: null,
  };
  const url = plan.tokenInUrl ? `${wsUrl}?token=${encodeURIComponent(creds.token)}` : wsUrl;
  const ws = new WebSocket(url, { maxPayload: 64 * 1024 * 1024, perMessageDeflate: false });
  const inbox: Inbound[] = [];
  let closed: { code: number; reason: string } | null = null;
  let wake: () => void = () => undefined;
  ws.on('message', (data, isBinary) => {
    let value: unknown = null;
    if (!isBinary) {
      try {
        value = JSON.parse((data as Buffer).toString('utf8'));
      } catch {
        value = (data as Buffer).toString('utf8');
      }
    }
    inbox.push({ kind: 'msg', value });
    wake();
  });
  ws.on('pong', (data) => {
    inbox.push({ kind: 'pong', n: Number(data.toString()) });
    wake();
  });
  ws.on('close', (code, reason) => {
    closed = { code, reason: reason.toString() };
    wake();
  });
  ws.on('error', () => undefined);
  const until = async (test: () => boolean, ms: number): Promise<boolean> => {
    const deadline = Date.now() + ms;
    while (!test()) {
      if (closed !== null || Date.now() > deadline) return test();
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(250, deadline - Date.now()));
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
    return true;
  };

  const opened = await new Promise<boolean>((resolve) => {
    ws.once('open', () => resolve(true));
    ws.once('close', () => resolve(false));
  });
  if (!opened) return { ...outcome, failure: `upgrade refused (close ${closed?.['code']})` };

  const authFrame =
    plan.dialect === 'envelope'
      ? {
          type: 'request',
          id: 1,
          action: 'authenticate',
          payload: { agent_id: creds.id, token: creds.token },
        }
      : { type: 'auth', api_key: creds.token };

  if (outcome.preAuth) {
    const first = plan.firstFrame ?? { kind: 'auth', text: JSON.stringify(authFrame) };
    send(ws, first);
    outcome.framesSent++;
    await until(() => closed !== null, PRE_AUTH_CLOSE_MS);
    const authed = inbox.some((m) => m.kind === 'msg' && isAuthOk(m.value));
    const code = (closed as { code: number } | null)?.code;
    const expected = expectedPreAuthCloses(first, maxFrameBytes, plan.tokenInUrl);
    if (authed || code === undefined || !expected.includes(code)) {
      outcome.failure = `hostile first frame: ${authed ? 'authenticated!' : `close ${code ?? 'none within 15 s'}`}, expected close ${expected.join('/')}`;
      outcome.mismatches.push({
        frameIndex: 0,
        kind: first.kind,
        verdict: 'refused',
        observed: outcome.failure,
        frame: show(first),
      });
    }
    ws.terminate();
    return outcome;
  }

  ws.send(JSON.stringify(authFrame));
  if (!(await until(() => inbox.some((m) => m.kind === 'msg' && isAuthOk(m.value)), AUTH_WAIT_MS))) {
    ws.terminate();
    return {
      ...outcome,
      failure: `valid ${plan.dialect} authentication not answered (close ${closed?.['code']})`,
    };
  }
  const authIndex = inbox.length;
  const pending = new Set<number>();
  const verdicts: Verdict[] = [];
  for (const [i, frame] of plan.frames.entries()) {
    for (const m of inbox) if (m.kind === 'msg' && isHubRequest(m.value)) pending.add(m.value.id);
    const v = verdict(plan.dialect, frame, maxFrameBytes, pending);
    verdicts.push(v);
    if (ws.readyState !== WebSocket.OPEN) break;
    send(ws, frame);
    outcome.framesSent++;
    if (v === 'close-1009' || v === 'close-1007') break;
    ws.ping(Buffer.from(String(i)));
  }
  const last = verdicts.length - 1;
  const closing = verdicts[last] === 'close-1009' || verdicts[last] === 'close-1007';
  const lastPing = closing ? last - 1 : last;
  await until(
    () => (closing ? closed !== null : inbox.some((m) => m.kind === 'pong' && m.n === lastPing)),
    DRAIN_WAIT_MS,
  );

  // Attribute: the messages between pong(i-1) and pong(i) answer frame i.
  let frameIndex = 0;
  let replies = 0;
  const judge = (i: number, errorReplies: number) => {
    const v = verdicts[i]!;
    const frame = plan.frames[i]!;
    if ('binary' in frame) outcome.binary++;
    if (v === 'refused' || v === 'unmatched') outcome.countable++;
    if (v === 'refused') outcome.refused++;
    if (v === 'accepted') outcome.accepted++;
    outcome.errorReplies += errorReplies;
    const ok =
      v === 'refused' ? errorReplies === 1 : v === 'accepted' ? errorReplies === 0 : errorReplies <= 1;
    if (!ok)
      outcome.mismatches.push({
        frameIndex: i,
        kind: frame.kind,
        verdict: v,
        observed: `${errorReplies} error replies`,
        frame: show(frame),
      });
  };
  for (const m of inbox.slice(authIndex)) {
    if (m.kind === 'msg') {
      if (isErrorReply(m.value)) replies++;
    } else if (m.n === frameIndex) {
      judge(frameIndex, replies);
      frameIndex++;
      replies = 0;
    }
  }
  const finalClose = closed as { code: number; reason: string } | null;
  if (closing) {
    const wanted = verdicts[last] === 'close-1009' ? CloseCode.MessageTooBig : 1007;
    if (frameIndex === lastPing + 1 && finalClose?.code !== wanted) {
      outcome.failure = `frame ${last} (${plan.frames[last]!.kind}) should close with ${wanted}, got ${finalClose?.code ?? 'no close within 20 s'}`;
      outcome.mismatches.push({
        frameIndex: last,
        kind: plan.frames[last]!.kind,
        verdict: verdicts[last]!,
        observed: outcome.failure,
        frame: show(plan.frames[last]!),
      });
    }
  }
  if (frameIndex <= lastPing) {
    const culprit = plan.frames[frameIndex];
    outcome.failure = `hub ${finalClose ? `closed the connection (${finalClose.code} ${finalClose.reason})` : 'stopped answering'} at frame ${frameIndex} (${culprit?.kind})`;
    if (culprit)
      outcome.mismatches.push({
        frameIndex,
        kind: culprit.kind,
        verdict: verdicts[frameIndex]!,
        observed: outcome.failure,
        frame: show(culprit),
      });
  }
  outcome.malformed = plan.frames.slice(0, frameIndex).filter((f) => 'text' in f && !parses(f.text)).length;
  if (ws.readyState === WebSocket.OPEN) ws.close(1000);
  else ws.terminate();
  return outcome;
}

function send(ws: WebSocket, frame: Frame): void {
  if ('binary' in frame) ws.send(frame.binary, { binary: true });
  else if ('invalidUtf8' in frame) ws.send(frame.invalidUtf8, { binary: false });
  else ws.send(frame.text);
}

function expectedPreAuthCloses(first: Frame, maxFrameBytes: number, tokenInUrl: boolean): number[] {
  if (tokenInUrl) return [CloseCode.AuthFailed];
  if ('invalidUtf8' in first) return [1007];
  const size = 'binary' in first ? first.binary.length : Buffer.byteLength(first.text);
  if (size > maxFrameBytes) return [CloseCode.MessageTooBig];
  return [CloseCode.BadFirstFrame, CloseCode.AuthFailed];
}

function isAuthOk(value: unknown): boolean {
  const v = value as Record<string, unknown> | null;
  if (typeof v !== 'object' || v === null) return false;
  return v['type'] === 'auth_success' || (v['action'] === 'authenticate' && v['status'] === 'ok');
}

function isHubRequest(value: unknown): value is { type: 'request'; id: number } {
  const v = value as Record<string, unknown> | null;
  return typeof v === 'object' && v !== null && v['type'] === 'request' && typeof v['id'] === 'number';
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The frame for a report: text (cut at 4 KB) or base64 for binary. */
export function show(frame: Frame): string {
  if ('binary' in frame) return `binary:${frame.binary.toString('base64').slice(0, 4096)}`;
  if ('invalidUtf8' in frame) return `invalid-utf8:${frame.invalidUtf8.toString('base64')}`;
  return frame.text.length > 4096 ? `${frame.text.slice(0, 4096)}… (${frame.text.length} chars)` : frame.text;
}
