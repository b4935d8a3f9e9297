import { createIncidentSchema, incidentUpdateInputSchema, type StatusPageDetail } from '@hivewatch/protocol';
import {
  componentNames,
  componentOptions,
  incidentBody,
  newIncidentDraft,
  updateBody,
  validateIncident,
  validateUpdate,
} from './incident-draft';

const C1 = '11111111-1111-4111-8111-111111111111';
const C2 = '22222222-2222-4222-8222-222222222222';
const S = '33333333-3333-4333-8333-333333333333';

describe('incident drafts', () => {
  it('asks for a title and a first message, then sends a body the hub schema takes unchanged', () => {
    const d = newIncidentDraft();
    expect(validateIncident(d)).toEqual({
      title: 'Give the incident a title.',
      message: 'Write what the public should know.',
    });
    Object.assign(d, {
      title: ' API slow ',
      message: ' Looking into it. ',
      componentIds: [C1],
      impact: 'major',
    });
    expect(validateIncident(d)).toEqual({});
    const body = incidentBody(d);
    expect(body).toEqual({
      title: 'API slow',
      impact: 'major',
      status: 'investigating',
      componentIds: [C1],
      message: 'Looking into it.',
    });
    expect(createIncidentSchema.parse(body)).toEqual(body);
  });

  it('keeps titles and messages within the limits', () => {
    const d = { ...newIncidentDraft(), title: 'x'.repeat(201), message: 'y'.repeat(5001) };
    expect(validateIncident(d)).toEqual({
      title: 'At most 200 characters.',
      message: 'At most 5000 characters.',
    });
  });

  it('needs a message for an update', () => {
    expect(validateUpdate({ status: 'resolved', message: '  ' })).toEqual({
      message: 'Write what the public should know.',
    });
    const body = updateBody({ status: 'resolved', message: ' Fixed. ' });
    expect(incidentUpdateInputSchema.parse(body)).toEqual({ status: 'resolved', message: 'Fixed.' });
  });

  it('names affected components by their public names, in page order', () => {
    const page = {
      groups: [
        {
          id: S,
          name: 'Web',
          position: 0,
          components: [
            {
              id: C2,
              kind: 'server',
              serverId: S,
              serverName: 'b',
              publicName: 'Shop',
              showAddress: false,
              position: 1,
            },
            {
              id: C1,
              kind: 'server',
              serverId: S,
              serverName: 'a',
              publicName: 'API',
              showAddress: false,
              position: 0,
            },
          ],
        },
      ],
    } as unknown as StatusPageDetail;
    const options = componentOptions(page);
    expect(options).toEqual([
      { id: C1, name: 'API', group: 'Web' },
      { id: C2, name: 'Shop', group: 'Web' },
    ]);
    expect(componentNames(options, [C2, C1])).toEqual(['API', 'Shop']);
    expect(componentNames(options, [C1, S])).toEqual(['API', 'a removed component']);
  });
});
