/**
 * The zod-free part of the library: all the agent process loads. agent/build.mjs and
 * tsconfig.agent.json point `@hivewatch/protocol` here, so zod and the schemas (~10 MB of private
 * memory in the agent, docs/benchmarks.md) stay out of the bundle. Every type of the library is
 * re-exported as a type only: using anything else as a value in the agent fails its type-check.
 */
export * from './constants.js';
export * from './limits.js';
export * from './close-codes.js';
export * from './messages.js';
export * from './patterns.js';
export * from './capability-names.js';
export * from './agent/request-actions.js';
export * from './agent/request-checks.js';
export * from './agent/host-request-error-codes.js';
export * from './agent/terminal-limits.js';
export * from './agent/exec-limits.js';
export * from './agent/docker-limits.js';
export * from './agent/docker-figures.js';
export * from './agent/probe-limits.js';
// The metric registry: plain data and small functions, no zod.
export * from './metrics/index.js';

// Types only (erased from the bundle).
export type * from './index.js';
