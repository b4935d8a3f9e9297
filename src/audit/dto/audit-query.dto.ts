export { auditQuerySchema, type AuditQuery } from '@hivewatch/protocol';
