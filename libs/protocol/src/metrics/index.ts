// The metric registry and what is derived from it (zod-free: the agent entry exports it too).
export * from './metric-def.js';
export * from './registry.js';
export * from './views.js';
export * from './readers.js';
export * from './metric-table.js';
