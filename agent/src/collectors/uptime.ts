/** /proc/uptime: "6955.41 13455.67" (seconds since boot, idle seconds summed over CPUs). */
export function parseUptime(text: string): number {
  const seconds = Number.parseFloat(text);
  return Number.isFinite(seconds) ? Math.floor(seconds) : 0;
}
