import type { AppliedAgentConfig as WireAgentConfig, BillingCycle } from '@hivewatch/protocol';

export {
  BILLING_CYCLES,
  createServerSchema,
  SERVER_SORTS,
  serverQuerySchema,
  updateServerSchema,
  type CreateServerInput,
  type ServerQuery,
  type UpdateServerInput,
} from '@hivewatch/protocol';

/** The inventory fields of a server as the API shows them: never the token hash, never the hashed machine id. */
export interface ServerView {
  id: string;
  name: string;
  groupId: string | null;
  tags: string[];
  notes: string;
  tokenPrefix: string;
  tokenRotatedAt: Date;
  enrollmentKeyId: string | null;
  dialect: 'envelope' | 'simple' | null;
  agentVersion: string | null;
  protocolVersion: number | null;
  capabilities: string[] | null;
  systemInfo: Record<string, unknown> | null;
  /** The OS display name made from `systemInfo` (see os-display-name.ts). */
  os: string | null;
  price: number | null;
  currency: string | null;
  billingCycle: BillingCycle | null;
  expiresAt: Date | null;
  displayOrder: number;
  /** Commands may go to this server's simple-dialect (seed-001) agent (docs/commands.md). */
  simpleCommands?: boolean;
  lastSeenAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A server as the REST API answers it (one server, list items): the inventory fields and the agent
 * settings the hub last applied, null until the agent accepted some. JSON makes it the protocol's
 * `Server` (common/http/wire-contract.ts).
 */
export interface ServerApiView extends ServerView {
  agentConfig: AppliedAgentConfig | null;
  /** Terminal recording on this server: true/false, or null to follow the global setting. */
  terminalRecording?: boolean | null;
}

/** Agent settings the agent accepted (`PUT /servers/:id/agent-config`), and when. */
export interface AppliedAgentConfig extends Omit<WireAgentConfig, 'appliedAt'> {
  appliedAt: Date;
}

/**
 * A server with its presence, as every REST answer shows it (JSON makes it the protocol's `Server`):
 * `lastSeenAt` is the live last contact while the agent is connected, `offlineSince` survives hub
 * restarts (see ServerCatalog).
 */
export interface ServerAnswer extends ServerApiView {
  online: boolean;
  offlineSince: Date | null;
}

/** The answer to creating a server or rotating its token: the only time the token is shown. */
export interface ServerWithToken {
  server: ServerAnswer;
  token: string;
  /** Shell command (run as root) that runs the hub's install-agent.sh with this server's id and token. */
  agentCommand: string;
}
