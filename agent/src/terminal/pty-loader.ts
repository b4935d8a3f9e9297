import { createRequire } from 'node:module';
import type { PtySpawner } from './pty-process.js';

interface NodePtyModule {
  spawn(file: string, args: string[], options: Record<string, unknown>): ReturnType<PtySpawner>;
}

/**
 * node-pty, loaded on first use so an agent without the `terminal` capability never maps the addon.
 * Output is read as raw bytes (`encoding: null`): UTF-8 sequences split across reads stay intact.
 * Throws a clear error when node-pty (or its native addon) cannot be loaded on this host.
 */
export function nodePtySpawner(): PtySpawner {
  let module: NodePtyModule | undefined;
  return (file, args, options) => {
    module ??= loadNodePty();
    return module.spawn(file, args, { name: 'xterm-256color', encoding: null, ...options });
  };
}

function loadNodePty(): NodePtyModule {
  try {
    // The agent bundle is CommonJS (its own `require`); tests and tsc run this file as an ES module.
    const load = typeof require === 'function' ? require : createRequire(import.meta.url);
    return load('node-pty') as NodePtyModule;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`the terminal is unavailable on this host: node-pty could not be loaded (${reason})`, {
      cause: error,
    });
  }
}
