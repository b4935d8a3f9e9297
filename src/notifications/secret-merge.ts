// How a PATCH merges channel secrets is part of the REST contract (libs/protocol/src/api/notifications.ts).
export { mergeSecrets } from '@hivewatch/protocol';
