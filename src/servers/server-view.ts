import type { AppliedAgentConfig, ServerApiView } from './dto/server.dto.js';
import { osDisplayName } from './os-display-name.js';
import type { Server } from './server.entity.js';

/** The API shape of a server: an allow-list, so a new secret column can never leak by default. */
export function toServerView(s: Server, tags: string[] = (s.tags ?? []).map((t) => t.tag)): ServerApiView {
  return {
    id: s.id,
    name: s.name,
    groupId: s.groupId,
    tags: [...tags].sort(),
    notes: s.notes,
    tokenPrefix: s.tokenPrefix,
    tokenRotatedAt: s.tokenRotatedAt,
    enrollmentKeyId: s.enrollmentKeyId,
    dialect: s.dialect,
    agentVersion: s.agentVersion,
    protocolVersion: s.protocolVersion,
    capabilities: s.capabilities,
    systemInfo: s.systemInfo ? { ...s.systemInfo } : null,
    os: osDisplayName(s.systemInfo),
    price: s.price,
    currency: s.currency,
    billingCycle: s.billingCycle,
    expiresAt: s.expiresAt,
    displayOrder: s.displayOrder,
    simpleCommands: s.simpleCommands,
    lastSeenAt: s.lastSeenAt,
    agentConfig: appliedAgentConfig(s),
    terminalRecording: s.terminalRecording,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

function appliedAgentConfig(s: Server): AppliedAgentConfig | null {
  if (!s.agentConfigAppliedAt || s.agentMetricsInterval === null) return null;
  return {
    metricsInterval: s.agentMetricsInterval,
    watchlist: [...(s.agentWatchlist ?? [])],
    appliedAt: s.agentConfigAppliedAt,
  };
}
