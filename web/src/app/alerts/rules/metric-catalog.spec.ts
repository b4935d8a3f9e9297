// The hub's own tables (a test may import hub code; the console bundle only imports its types).
import { ALERT_METRICS, OPERATORS as HUB_OPERATORS } from '@hub/alerts/dto/alert-rule.dto';
import { allowedUnits } from '@hub/alerts/metric-readers';
import { METRICS, METRIC_CATALOG, OPERATORS } from './metric-catalog';

describe('metric catalog', () => {
  it('describes exactly the metrics the hub evaluates, in its order', () => {
    expect(METRICS).toEqual([...ALERT_METRICS]);
  });

  it('offers the units the hub accepts for each metric, base unit first', () => {
    for (const m of ALERT_METRICS) {
      const hub = allowedUnits(m);
      expect([m, METRIC_CATALOG[m].units[0]]).toEqual([m, hub[0]]);
      expect([m, new Set(METRIC_CATALOG[m].units)]).toEqual([m, new Set(hub)]);
    }
  });

  it('offers the hub operators', () => {
    expect([...OPERATORS].sort()).toEqual([...HUB_OPERATORS].sort());
  });
});
