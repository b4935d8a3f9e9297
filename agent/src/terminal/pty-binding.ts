import { loadNativeAddon } from '../native/native-addon.js';

/** The addon's name in the executable (`native/node-pty.node`, agent/build-exe.mjs NATIVE_ASSETS). */
export const PTY_ADDON = 'node-pty';
/** Where npm puts node-pty's addon (a variable: the bundler must not try to bundle a `.node` file). */
const PTY_ADDON_PATH = 'node-pty/build/Release/pty.node';

let addonDir: string | undefined;
let binding: unknown;

/** Where the single executable extracts the addon: the agent's private state folder (nativeAddonDir). */
export function setPtyAddonDir(dir: string): void {
  addonDir = dir;
}

/**
 * node-pty's native binding. In the single executable: the copy it carries, written to the private
 * folder, checked by hash and dlopen'ed (agent/src/native). In the plain bundle: the one npm built
 * under node_modules. The same binding serves node-pty's index and its unixTerminal.
 */
export function loadPtyBinding(): unknown {
  if (binding !== undefined) return binding;
  if (addonDir === undefined) throw new Error('the PTY addon folder is not set (setPtyAddonDir)');
  binding = loadNativeAddon(PTY_ADDON, {
    dir: addonDir,
    // Only the bundle gets here (tests load node-pty unbundled, with its own lookup): CommonJS.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a .node file loads only by require
    fallback: () => require(PTY_ADDON_PATH) as unknown,
  });
  return binding;
}
