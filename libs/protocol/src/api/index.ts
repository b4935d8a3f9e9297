// REST request and response shapes of the hub (docs/api.md), one file per resource.
export * from './common.js';
export * from './tags.js';
export * from './servers.js';
export * from './groups.js';
export * from './enrollment-keys.js';
export * from './users.js';
export * from './auth.js';
export * from './api-keys.js';
export * from './audit.js';
export * from './alerts.js';
export * from './notifications.js';
export * from './records.js';
export * from './retention.js';
export * from './traffic.js';
export * from './hosts.js';
export * from './cli.js';
export * from './downloads.js';
