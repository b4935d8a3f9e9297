import type { AgentRequestAction, AgentRequestPayload } from '@hivewatch/protocol';
import type { RpcClient } from '../../agents/rpc/rpc-client.js';

type TerminalAction = Extract<AgentRequestAction, `terminal-${string}`>;

/** Requests of one session waiting for their id; beyond this the browser outpaces the hub. */
export const MAX_QUEUED_REQUESTS = 256;
/** A terminal request is a few bytes of work on the host: an answer later than this means trouble. */
const TERMINAL_RPC_TIMEOUT_MS = 15_000;

/** Thrown when a session queues more than {@link MAX_QUEUED_REQUESTS} requests. */
export class TerminalQueueFull extends Error {
  override name = 'TerminalQueueFull';
}

/**
 * One session's requests to its agent, over the agent's existing connection (RpcClient), each with a
 * fresh request id and never re-sent after a reconnect (a keystroke must not be typed twice). Ids
 * are reserved one after the other, so frames leave in the order the browser sent them; only the
 * reservation is awaited in that order, never the agent's answer.
 */
export class AgentTerminalLink {
  private chain: Promise<unknown> = Promise.resolve();
  private queued = 0;

  constructor(
    private readonly rpc: RpcClient,
    readonly serverId: string,
  ) {}

  /** Sends `action`; resolves or rejects with the agent's answer (callers may ignore it). */
  send<A extends TerminalAction>(action: A, payload: AgentRequestPayload<A>): Promise<unknown> {
    if (this.queued >= MAX_QUEUED_REQUESTS)
      return Promise.reject(new TerminalQueueFull('too many terminal frames waiting to be sent'));
    this.queued++;
    const sent = this.chain
      .then(async () => {
        const id = await this.rpc.reserveId(this.serverId);
        // Wrapped: the chain moves on once the frame is sent, not when the answer comes.
        const reply = this.rpc.request(this.serverId, action, payload, {
          id,
          resend: false,
          timeoutMs: TERMINAL_RPC_TIMEOUT_MS,
        });
        return { reply };
      })
      .finally(() => this.queued--);
    this.chain = sent.catch(() => undefined);
    return sent.then(({ reply }) => reply);
  }

  /** Fire and forget: a late failure (session already gone on the host) is expected and ignored. */
  post<A extends TerminalAction>(action: A, payload: AgentRequestPayload<A>): boolean {
    if (this.queued >= MAX_QUEUED_REQUESTS) return false;
    this.send(action, payload).catch(() => undefined);
    return true;
  }
}
