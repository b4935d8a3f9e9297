/** Zod-free patterns (re-exported by primitives.ts), usable by the agent bundle without zod. */

/**
 * Safe systemd service name: what a unit name needs (letters, digits, `@ . _ : -`) and nothing a
 * shell would interpret. It may not start with `-` (would read as an option) or `.` (path tricks).
 */
export const SERVICE_NAME_PATTERN = /^[A-Za-z0-9@_:][A-Za-z0-9@._:-]{0,255}$/;

/** Docker container id or name (Docker's own rule for names, hex ids fit too). */
export const CONTAINER_REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** Opaque id chosen by the hub for a terminal, log-follow or ping task; no path or shell characters. */
export const STREAM_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
