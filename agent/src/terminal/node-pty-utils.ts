// Stands in for node-pty 1.1's lib/utils.js in the agent bundle (agent/build.mjs redirects node-pty's
// `require('./utils')` here). The original looks for `pty.node` by relative paths with require(),
// which cannot work inside the single executable; this one hands out the binding of pty-binding.ts.
// Same exports, same shape: `{ dir, module }` (`dir` only names spawn-helper, which Linux never uses).
import { loadPtyBinding } from './pty-binding.js';

export function assign<T extends object>(target: T, ...sources: object[]): T {
  for (const source of sources) Object.assign(target, source);
  return target;
}

export function loadNativeModule(name: string): { dir: string; module: unknown } {
  if (name !== 'pty') throw new Error(`node-pty asked for the native module '${name}', which Linux has not`);
  return { dir: '.', module: loadPtyBinding() };
}
