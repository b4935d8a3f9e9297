export type RangeKey = '1h' | '6h' | '24h' | '7d' | '30d' | '1y' | 'custom';

export const RANGES: { key: Exclude<RangeKey, 'custom'>; label: string; ms: number }[] = [
  { key: '1h', label: '1 h', ms: 3_600_000 },
  { key: '6h', label: '6 h', ms: 6 * 3_600_000 },
  { key: '24h', label: '24 h', ms: 24 * 3_600_000 },
  { key: '7d', label: '7 d', ms: 7 * 86_400_000 },
  { key: '30d', label: '30 d', ms: 30 * 86_400_000 },
  { key: '1y', label: '1 y', ms: 365 * 86_400_000 },
];

/** Resolves a preset (ending now) or a custom range (datetime-local strings); null when invalid. */
export function resolveRange(
  key: RangeKey,
  custom: { from: string; to: string },
  now = Date.now(),
): { from: number; to: number } | null {
  if (key !== 'custom') {
    const preset = RANGES.find((r) => r.key === key);
    return preset ? { from: now - preset.ms, to: now } : null;
  }
  const from = new Date(custom.from).getTime();
  const to = new Date(custom.to).getTime();
  if (Number.isNaN(from) || Number.isNaN(to) || from >= to) return null;
  return { from, to };
}
