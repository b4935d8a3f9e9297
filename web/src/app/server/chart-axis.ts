/**
 * Axis and colour options shared by the history and traffic charts: a time axis whose labels fit
 * the chart's width at every range, and grid lines that follow the console's theme.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Tick steps ECharts' time axis can keep (it rounds a wanted interval down to one of these). */
const STEPS = [
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  4 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  4 * DAY,
  7 * DAY,
  16 * DAY,
  31 * DAY,
  62 * DAY,
  92 * DAY,
  183 * DAY,
  366 * DAY,
];

/** Room one time label takes, with the gap to its neighbour ("14:45", "12 Mar"), in pixels. */
export const LABEL_SPACING_PX = 64;
/** Horizontal room the plot leaves for the value axis and the right edge (see `grid`). */
export const PLOT_INSET_PX = 48 + 16;

/** The smallest step that keeps at most one label per LABEL_SPACING_PX of plot width. */
export function timeStep(spanMs: number, plotWidthPx: number): number {
  const labels = Math.max(2, Math.floor(plotWidthPx / LABEL_SPACING_PX));
  return STEPS.find((s) => spanMs / s <= labels) ?? STEPS[STEPS.length - 1];
}

/** Label text per tick unit: times within a day, the date at day ticks, the month beyond. */
const LABEL_FORMATS = {
  year: '{yyyy}',
  month: '{MMM} {yyyy}',
  day: '{d} {MMM}',
  hour: '{HH}:{mm}',
  minute: '{HH}:{mm}',
  second: '{HH}:{mm}:{ss}',
  millisecond: '{HH}:{mm}:{ss}',
  none: '{d} {MMM} {HH}:{mm}',
};

/** Theme colours of axis text, axis lines and grid lines. */
export function chartColours(dark: boolean): { text: string; axis: string; grid: string } {
  return dark
    ? { text: '#c9d1d9', axis: '#484f58', grid: '#262c34' }
    : { text: '#333333', axis: '#9ca3af', grid: '#e5e7eb' };
}

/** A time axis over [from, to] with labels that do not overlap at `plotWidthPx`. */
export function timeAxis(
  from: number,
  to: number,
  plotWidthPx: number,
  dark: boolean,
): Record<string, unknown> {
  const c = chartColours(dark);
  // ECharts rounds the wanted interval down to its own step: ask for a hair more than the step.
  const step = timeStep(to - from, plotWidthPx);
  return {
    type: 'time',
    min: from,
    max: to,
    minInterval: step * 1.01,
    splitNumber: Math.max(2, Math.floor(plotWidthPx / LABEL_SPACING_PX)),
    axisLine: { lineStyle: { color: c.axis } },
    axisTick: { lineStyle: { color: c.axis } },
    axisLabel: { color: c.text, hideOverlap: true, formatter: LABEL_FORMATS },
    splitLine: { show: true, lineStyle: { color: c.grid } },
  };
}

/** A value axis in the theme's colours. */
export function valueAxis(dark: boolean, extra: Record<string, unknown>): Record<string, unknown> {
  const c = chartColours(dark);
  const label = (extra['axisLabel'] ?? {}) as Record<string, unknown>;
  return {
    type: 'value',
    ...extra,
    axisLine: { lineStyle: { color: c.axis } },
    axisLabel: { color: c.text, ...label },
    splitLine: { lineStyle: { color: c.grid } },
  };
}

/**
 * Width of one chart in the `.charts` grid (styles.css: columns of at least 380 px, 12 px apart,
 * one column on narrow screens).
 */
export function chartWidth(gridWidthPx: number, minColumnPx = 380, gapPx = 12): number {
  const columns = Math.max(1, Math.floor((gridWidthPx + gapPx) / (minColumnPx + gapPx)));
  return (gridWidthPx - gapPx * (columns - 1)) / columns;
}
