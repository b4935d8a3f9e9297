import { z } from 'zod';
import { terminalEndReasonSchema } from '../agent/terminal.js';
import { limitParam, wireTimeSchema } from './common.js';

/**
 * Administration → Sessions (src/terminal): terminal sessions, live and past, with their recordings.
 *
 * - `GET /api/v1/terminal/sessions` (admins): newest first, filtered by the query below.
 * - `DELETE /api/v1/terminal/sessions/{id}` (admins, step-up): ends a live session (reason `user`).
 * - `GET /api/v1/terminal/sessions/{id}/recording` (admins): the asciicast v2 file
 *   (`application/x-asciicast`), 404 when the session was not recorded or the recording has expired.
 * - `GET /api/v1/terminal/settings`, `PUT /api/v1/terminal/settings` (admins, step-up for PUT): the
 *   global recording switch and the session limits; a server's own `terminalRecording` (true, false,
 *   or null to follow this) is part of the server update body.
 */
export const terminalSessionSchema = z.object({
  id: z.string(),
  serverId: z.string(),
  serverName: z.string(),
  userId: z.string().nullable(),
  userName: z.string(),
  remoteAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  live: z.boolean(),
  startedAt: wireTimeSchema,
  endedAt: wireTimeSchema.nullable(),
  durationMs: z.number().nullable().describe('null while live'),
  reason: terminalEndReasonSchema.nullable(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  bytesIn: z.number().describe('browser → host'),
  bytesOut: z.number().describe('host → browser'),
  recorded: z.boolean(),
  recordingBytes: z.number().nullable(),
});
export type TerminalSessionView = z.infer<typeof terminalSessionSchema>;

export const terminalSessionQuerySchema = z.object({
  limit: limitParam(200, 50),
  live: z.enum(['true', 'false']).optional(),
  serverId: z.uuid().optional(),
  userId: z.uuid().optional(),
});
export type TerminalSessionQuery = z.infer<typeof terminalSessionQuerySchema>;

export const TERMINAL_SESSIONS_PER_SERVER_DEFAULT = 4;
export const TERMINAL_SESSIONS_PER_USER_DEFAULT = 8;

export const terminalSettingsSchema = z
  .object({
    recording: z.boolean().describe('record every session unless a server says otherwise'),
    maxSessionsPerServer: z.number().int().min(1).max(16),
    maxSessionsPerUser: z.number().int().min(1).max(64),
  })
  .strict();
export type TerminalSettings = z.infer<typeof terminalSettingsSchema>;
