import { LABEL_SPACING_PX, PLOT_INSET_PX, chartColours, chartWidth, timeAxis, timeStep } from './chart-axis';
import { RANGES } from './history-range';

const MINUTE = 60_000;

describe('chart time axis', () => {
  it('keeps 1 h labels 15 minutes apart on a phone and 10 apart on a wide chart', () => {
    const phone = chartWidth(358) - PLOT_INSET_PX;
    expect(timeStep(60 * MINUTE, phone)).toBe(15 * MINUTE);
    expect(timeStep(60 * MINUTE, 900)).toBe(5 * MINUTE);
  });

  it.each([390, 1440])('fits every range’s labels into the chart at a %i px screen', (screen) => {
    const plot = chartWidth(screen - 32) - PLOT_INSET_PX;
    for (const r of RANGES) {
      const labels = r.ms / timeStep(r.ms, plot);
      expect(labels * LABEL_SPACING_PX).toBeLessThanOrEqual(plot + LABEL_SPACING_PX);
    }
  });

  it('asks ECharts for a hair more than the step and hides what would still overlap', () => {
    const axis = timeAxis(0, 60 * MINUTE, 300, false) as {
      minInterval: number;
      axisLabel: { hideOverlap: boolean };
    };
    expect(axis.minInterval).toBeGreaterThan(15 * MINUTE);
    expect(axis.minInterval).toBeLessThan(20 * MINUTE);
    expect(axis.axisLabel.hideOverlap).toBe(true);
  });

  it('draws grid lines dark in the dark theme and light in the light one', () => {
    const dark = timeAxis(0, MINUTE, 300, true) as { splitLine: { lineStyle: { color: string } } };
    const light = timeAxis(0, MINUTE, 300, false) as { splitLine: { lineStyle: { color: string } } };
    expect(dark.splitLine.lineStyle.color).toBe(chartColours(true).grid);
    expect(light.splitLine.lineStyle.color).toBe(chartColours(false).grid);
    const luminance = (hex: string) => parseInt(hex.slice(1, 3), 16);
    expect(luminance(chartColours(true).grid)).toBeLessThan(0x40);
    expect(luminance(chartColours(false).grid)).toBeGreaterThan(0xc0);
  });

  it('lays charts out like the .charts grid: columns of at least 380 px', () => {
    expect(chartWidth(358)).toBe(358);
    expect(chartWidth(1200)).toBe(392);
    expect(chartWidth(800)).toBe(394);
  });
});
