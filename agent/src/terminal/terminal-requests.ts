import type {
  TerminalCloseRequest,
  TerminalCreditRequest,
  TerminalInputRequest,
  TerminalOpenRequest,
  TerminalResizeRequest,
} from '@hivewatch/protocol';
import type { TerminalManager } from './terminal-manager.js';

/** The request actions of the terminal channel (capability `terminal`). */
export const TERMINAL_ACTIONS = [
  'terminal-open',
  'terminal-input',
  'terminal-resize',
  'terminal-credit',
  'terminal-close',
] as const;
export type TerminalAction = (typeof TERMINAL_ACTIONS)[number];

/** Applies one validated terminal request; a refusal throws (the router answers `status: error`). */
export type TerminalRequestHandler = (action: TerminalAction, payload: unknown) => void;

/** The router's terminal handler over a manager (payloads were checked by the router already). */
export function createTerminalHandler(manager: TerminalManager): TerminalRequestHandler {
  return (action, payload) => {
    switch (action) {
      case 'terminal-open':
        return manager.open(payload as TerminalOpenRequest);
      case 'terminal-input':
        return manager.input(payload as TerminalInputRequest);
      case 'terminal-resize':
        return manager.resize(payload as TerminalResizeRequest);
      case 'terminal-credit':
        return manager.credit(payload as TerminalCreditRequest);
      case 'terminal-close':
        return manager.close(payload as TerminalCloseRequest);
    }
  };
}

/** Event frames to the hub; `send` never waits (the credit window bounds what is in flight). */
export function terminalEventSink(send: (text: string) => boolean) {
  const event = (action: string, payload: unknown): void => {
    send(JSON.stringify({ type: 'event', action, payload, timestamp: Date.now() }));
  };
  return {
    output: (payload: unknown) => event('terminal-output', payload),
    exit: (payload: unknown) => event('terminal-exit', payload),
  };
}
