/* eslint-disable no-console -- test program: its output is what the test reads */
// A single-executable test program (test/e2e/agent-executable.e2e-spec.ts): loads the native addon
// named on the command line from the executable's assets, as the agent's own modules will, and
// prints the names it exports. An optional third argument names the feature that needs the addon.
import { loadNativeAddon, nativeAddonDir } from './native-addon.js';

const [name = '', stateFile = '', feature] = process.argv.slice(2);
try {
  const exports = loadNativeAddon(name, { dir: nativeAddonDir(stateFile), feature });
  console.log(JSON.stringify({ exports: Object.keys(exports as object) }));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
