import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { jsonSchemaGroups } from './json-schemas.js';

describe('JSON Schema export', () => {
  it('converts every exported schema', () => {
    for (const group of Object.values(jsonSchemaGroups)) {
      for (const schema of Object.values(group.schemas)) {
        expect(() => z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' })).not.toThrow();
      }
    }
  });

  it('keeps the documented units in the output', () => {
    const json = JSON.stringify(z.toJSONSchema(jsonSchemaGroups['agent-actions'].schemas.MetricsPayload));
    expect(json).toContain('megabits per second');
    expect(json).toContain('load average / logical CPUs');
  });

  it('exports request bounds third parties must respect', () => {
    const config = z.toJSONSchema(jsonSchemaGroups['agent-actions'].schemas.AgentConfigRequest, {
      io: 'input',
    });
    expect(config).toMatchObject({
      properties: { metricsInterval: { type: 'integer', minimum: 0, maximum: 3600 } },
      required: ['metricsInterval', 'watchlist'],
    });
  });
});
