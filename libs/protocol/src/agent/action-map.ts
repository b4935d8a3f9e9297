import type { z } from 'zod';
import { ACTION_CAPABILITY, type RequestActionName } from './request-actions.js';
import { metricsPayloadSchema } from './metrics.js';
import {
  agentConfigRequestSchema,
  emptyRequestSchema,
  noDataSchema,
  processDetailSchema,
  processRequestSchema,
  serverInfoSchema,
  serviceDetailSchema,
  serviceRequestSchema,
} from './requests.js';
import { processesDataSchema, serviceLogDataSchema, servicesDataSchema } from './unwrap.js';
import {
  capabilitiesResultSchema,
  logsFollowStartRequestSchema,
  streamStopRequestSchema,
  upgradeRequestSchema,
} from './extensions.js';
import {
  execCancelRequestSchema,
  execCancelResultSchema,
  execOutputPayloadSchema,
  execRequestSchema,
  execResultSchema,
} from './exec.js';
import { logLinePayloadSchema, upgradeProgressPayloadSchema } from './extension-events.js';
import { pingResultPayloadSchema, pingTasksSyncRequestSchema } from './probes.js';
import {
  dockerActionRequestSchema,
  dockerActionResultSchema,
  dockerContainerRequestSchema,
  dockerEventPayloadSchema,
  dockerInspectSchema,
  dockerListResultSchema,
  dockerLogPayloadSchema,
  dockerLogsStartRequestSchema,
  dockerStatsPayloadSchema,
} from './docker.js';
import {
  terminalCloseRequestSchema,
  terminalCreditRequestSchema,
  terminalExitPayloadSchema,
  terminalInputRequestSchema,
  terminalOpenRequestSchema,
  terminalOutputPayloadSchema,
  terminalResizeRequestSchema,
} from './terminal.js';

/**
 * Action name → schemas, so an RPC client is typed end to end: `request` validates what the hub
 * sends, `response` validates (and unwraps) the `data` an agent returns.
 */
interface ActionSchemas {
  request: z.ZodType;
  response: z.ZodType;
}

/** The seed-002 requests: every agent answers them. */
export const seedAgentRequestSchemas = {
  'get-server-info': { request: emptyRequestSchema, response: serverInfoSchema },
  'get-services': { request: emptyRequestSchema, response: servicesDataSchema },
  'get-service': { request: serviceRequestSchema, response: serviceDetailSchema },
  'get-service-log': { request: serviceRequestSchema, response: serviceLogDataSchema },
  'restart-service': { request: serviceRequestSchema, response: noDataSchema },
  'get-processes': { request: emptyRequestSchema, response: processesDataSchema },
  'get-process': { request: processRequestSchema, response: processDetailSchema },
  'update-agent-config': { request: agentConfigRequestSchema, response: noDataSchema },
} as const satisfies Record<string, ActionSchemas>;

/** EXTENSION requests: only for agents advertising the capability in {@link ACTION_CAPABILITY}. */
export const extensionAgentRequestSchemas = {
  exec: { request: execRequestSchema, response: execResultSchema },
  'exec-cancel': { request: execCancelRequestSchema, response: execCancelResultSchema },
  'terminal-open': { request: terminalOpenRequestSchema, response: noDataSchema },
  'terminal-input': { request: terminalInputRequestSchema, response: noDataSchema },
  'terminal-resize': { request: terminalResizeRequestSchema, response: noDataSchema },
  'terminal-credit': { request: terminalCreditRequestSchema, response: noDataSchema },
  'terminal-close': { request: terminalCloseRequestSchema, response: noDataSchema },
  'ping-tasks-sync': { request: pingTasksSyncRequestSchema, response: noDataSchema },
  'docker-list': { request: emptyRequestSchema, response: dockerListResultSchema },
  'docker-inspect': { request: dockerContainerRequestSchema, response: dockerInspectSchema },
  'docker-action': { request: dockerActionRequestSchema, response: dockerActionResultSchema },
  'docker-logs-start': { request: dockerLogsStartRequestSchema, response: noDataSchema },
  'docker-logs-stop': { request: streamStopRequestSchema, response: noDataSchema },
  'logs-follow-start': { request: logsFollowStartRequestSchema, response: noDataSchema },
  'logs-follow-stop': { request: streamStopRequestSchema, response: noDataSchema },
  upgrade: { request: upgradeRequestSchema, response: noDataSchema },
  'get-capabilities': { request: emptyRequestSchema, response: capabilitiesResultSchema },
} as const satisfies Record<string, ActionSchemas>;

/** Every hub → agent request. */
export const agentRequestSchemas = { ...seedAgentRequestSchemas, ...extensionAgentRequestSchemas };

export type SeedAgentAction = keyof typeof seedAgentRequestSchemas;
export type ExtensionAgentAction = keyof typeof extensionAgentRequestSchemas;
export type AgentRequestAction = keyof typeof agentRequestSchemas;

export const SEED_AGENT_ACTIONS = Object.keys(seedAgentRequestSchemas) as SeedAgentAction[];
export const EXTENSION_AGENT_ACTIONS = Object.keys(extensionAgentRequestSchemas) as ExtensionAgentAction[];

/** Typed view of {@link agentRequestSchemas}: `AgentRequestMap['get-process']['request']` etc. */
export type AgentRequestMap = {
  [A in AgentRequestAction]: {
    request: z.input<(typeof agentRequestSchemas)[A]['request']>;
    response: z.output<(typeof agentRequestSchemas)[A]['response']>;
  };
};
export type AgentRequestPayload<A extends AgentRequestAction> = AgentRequestMap[A]['request'];
export type AgentResponseData<A extends AgentRequestAction> = AgentRequestMap[A]['response'];

export { ACTION_CAPABILITY, isAgentRequestAction } from './request-actions.js';

/** The zod-free action list in request-actions.ts names exactly the actions of {@link agentRequestSchemas}. */
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const requestActionsMatch: SameKeys<AgentRequestAction, RequestActionName> = true;
void requestActionsMatch;

/**
 * May the hub send `action` to an agent? `capabilities` undefined = seed-002 agent (it reported none):
 * seed actions only. Otherwise the action's capability must be in the agent's own list.
 */
export function isActionAllowed(
  action: AgentRequestAction,
  capabilities: readonly string[] | undefined,
): boolean {
  if (capabilities === undefined) return action in seedAgentRequestSchemas;
  const needed = ACTION_CAPABILITY[action];
  return needed === null || capabilities.includes(needed);
}

/** Agent → hub events: `metrics` (seed 002) and the extensions. */
export const agentEventSchemas = {
  metrics: metricsPayloadSchema,
  'ping-result': pingResultPayloadSchema,
  'exec-output': execOutputPayloadSchema,
  'terminal-output': terminalOutputPayloadSchema,
  'terminal-exit': terminalExitPayloadSchema,
  'docker-event': dockerEventPayloadSchema,
  'docker-stats': dockerStatsPayloadSchema,
  'docker-log': dockerLogPayloadSchema,
  log: logLinePayloadSchema,
  'upgrade-progress': upgradeProgressPayloadSchema,
} as const satisfies Record<string, z.ZodType>;

export type AgentEventAction = keyof typeof agentEventSchemas;
export type AgentEventMap = { [A in AgentEventAction]: z.output<(typeof agentEventSchemas)[A]> };

export function isAgentEventAction(action: string): action is AgentEventAction {
  return Object.hasOwn(agentEventSchemas, action);
}
