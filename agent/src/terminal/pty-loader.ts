import { createRequire } from 'node:module';
import type { PtySpawner } from './pty-process.js';
import { setPtyAddonDir } from './pty-binding.js';

interface NodePtyModule {
  spawn(file: string, args: string[], options: Record<string, unknown>): ReturnType<PtySpawner>;
}

let loaded: NodePtyModule | undefined;
/** A failed load is final (a bundled module that threw while loading stays half-initialised). */
let failure: Error | undefined;

/**
 * node-pty, loaded on first use so an agent without the `terminal` capability never maps the addon.
 * Output is read as raw bytes (`encoding: null`): UTF-8 sequences split across reads stay intact.
 * `addonDir`: where the single executable extracts the addon (pty-binding.ts).
 */
export function nodePtySpawner(addonDir?: string): PtySpawner {
  return (file, args, options) =>
    loadNodePty(addonDir).spawn(file, args, { name: 'xterm-256color', encoding: null, ...options });
}

/** Loads node-pty, or throws a clear "the terminal is unavailable on this host: …" error. */
export function loadNodePty(addonDir?: string): NodePtyModule {
  if (loaded) return loaded;
  if (failure) throw failure;
  if (addonDir !== undefined) setPtyAddonDir(addonDir);
  try {
    // The agent bundle is CommonJS: there `require('node-pty')` is node-pty's JS, bundled, whose
    // lookup of its addon is replaced by node-pty-utils.ts (agent/build.mjs). Tests and tsc run this
    // file as an ES module and load node-pty from node_modules as it is.
    loaded = (
      typeof require === 'function'
        ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- literal: the bundler takes it in
          require('node-pty')
        : createRequire(import.meta.url)('node-pty')
    ) as NodePtyModule;
    return loaded;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    failure = new Error(`the terminal is unavailable on this host: ${reason}`, { cause: error });
    throw failure;
  }
}
