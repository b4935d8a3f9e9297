import { METRIC_CATALOG, METRICS } from './metric-catalog';

describe('rule editor metric catalogue', () => {
  it('names the gauges as the editor always has, with the units the hub accepts', () => {
    expect(METRIC_CATALOG.cpu).toEqual({ label: 'CPU', units: ['%'] });
    expect(METRIC_CATALOG.load1.label).toBe('Load 1 min');
    expect(METRIC_CATALOG.netIn).toEqual({ label: 'Network in', units: ['Mbit/s', 'Kbit/s', 'Gbit/s'] });
    expect(METRIC_CATALOG.temperature).toEqual({ label: 'CPU temperature', units: ['°C', 'C'] });
  });

  it('lists the busiest core after the metrics it had before', () => {
    expect(METRICS.at(-1)).toBe('cpuCoreMax');
    expect(METRICS.indexOf('gpuTemperature')).toBe(METRICS.length - 2);
    expect(METRIC_CATALOG.cpuCoreMax).toEqual({ label: 'Busiest core', units: ['%'] });
  });
});
