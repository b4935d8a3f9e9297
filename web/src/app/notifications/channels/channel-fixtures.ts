import type { Channel } from '../../core/hub-types';
import { type ChannelDraft, newChannelDraft } from './channel-draft';

/** A new channel's draft with the fields a spec is about. */
export const draftOf = (change: Partial<ChannelDraft>): ChannelDraft => ({
  ...newChannelDraft(change.type),
  ...change,
});

/** A channel as the hub returns it. */
export const storedChannel = (c: Partial<Channel> & Pick<Channel, 'type' | 'settings'>): Channel => ({
  id: 'c1',
  name: 'ops',
  enabled: true,
  secretsSet: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...c,
});
