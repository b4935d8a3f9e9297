import type { z } from 'zod';
import * as api from './api-client.js';
import * as rest from './api/index.js';
import * as auth from './agent/authenticate.js';
import * as browser from './browser.js';
import * as envelope from './envelope.js';
import * as errors from './agent/error-frames.js';
import * as docker from './agent/docker.js';
import * as exec from './agent/exec.js';
import * as probes from './agent/probes.js';
import * as ext from './agent/extensions.js';
import * as extEvents from './agent/extension-events.js';
import * as hostErrors from './agent/host-request-error.js';
import * as metrics from './agent/metrics.js';
import * as requests from './agent/requests.js';
import * as simple from './simple-dialect.js';
import * as terminal from './agent/terminal.js';
import * as unwrap from './agent/unwrap.js';

/** One docs/protocol/<file>.schema.json: a title, a description and named schemas (its `$defs`). */
export interface JsonSchemaGroup {
  title: string;
  description: string;
  schemas: Record<string, z.ZodType>;
}

/**
 * What `libs/protocol/scripts/export-json-schema.mjs` writes, one file per key. Schemas are exported
 * in their input form: what a sender must produce.
 */
export const jsonSchemaGroups = {
  envelope: {
    title: 'Hivewatch envelope dialect (seed 002): frame envelope',
    description: 'Every frame of the envelope dialect: {type, id, action, payload, timestamp}.',
    schemas: {
      Envelope: envelope.envelopeSchema,
      RequestEnvelope: envelope.requestEnvelopeSchema,
      ResponseEnvelope: envelope.responseEnvelopeSchema,
      EventEnvelope: envelope.eventEnvelopeSchema,
      ErrorEventFrame: errors.errorEventFrameSchema,
      ErrorResponseFrame: errors.errorResponseFrameSchema,
    },
  },
  'agent-actions': {
    title: 'Hivewatch envelope dialect (seed 002): actions',
    description:
      'authenticate, the metrics event, the ack event and every seed-002 request payload and response data.',
    schemas: {
      AuthenticateRequestFrame: auth.authenticateRequestFrameSchema,
      AuthenticatePayload: auth.authenticatePayloadSchema,
      AuthenticateReplyFrame: auth.authenticateReplyFrameSchema,
      MetricsEventFrame: metrics.metricsEventFrameSchema,
      MetricsPayload: metrics.metricsPayloadSchema,
      AckEventFrame: metrics.ackEventFrameSchema,
      ServiceRequest: requests.serviceRequestSchema,
      ProcessRequest: requests.processRequestSchema,
      AgentConfigRequest: requests.agentConfigRequestSchema,
      ServerInfo: requests.serverInfoSchema,
      ServiceList: unwrap.serviceListSchema,
      ServiceDetail: requests.serviceDetailSchema,
      ServiceLogList: unwrap.serviceLogListSchema,
      ProcessList: unwrap.processListSchema,
      ProcessDetail: requests.processDetailSchema,
    },
  },
  'agent-extensions': {
    title: 'Hivewatch envelope dialect: extension actions and events (our agent, capability-gated)',
    description: 'Sent only to/by agents that advertise the matching capability. May still be refined.',
    schemas: {
      ExecRequest: exec.execRequestSchema,
      ExecResult: exec.execResultSchema,
      ExecOutputPayload: exec.execOutputPayloadSchema,
      TerminalOpenRequest: terminal.terminalOpenRequestSchema,
      TerminalInputRequest: terminal.terminalInputRequestSchema,
      TerminalResizeRequest: terminal.terminalResizeRequestSchema,
      TerminalCreditRequest: terminal.terminalCreditRequestSchema,
      TerminalCloseRequest: terminal.terminalCloseRequestSchema,
      PingTasksSyncRequest: probes.pingTasksSyncRequestSchema,
      DockerListResult: docker.dockerListResultSchema,
      DockerContainerRequest: docker.dockerContainerRequestSchema,
      DockerInspect: docker.dockerInspectSchema,
      DockerActionRequest: docker.dockerActionRequestSchema,
      DockerActionResult: docker.dockerActionResultSchema,
      DockerLogsStartRequest: docker.dockerLogsStartRequestSchema,
      StreamStopRequest: ext.streamStopRequestSchema,
      LogsFollowStartRequest: ext.logsFollowStartRequestSchema,
      UpgradeRequest: ext.upgradeRequestSchema,
      CapabilitiesResult: ext.capabilitiesResultSchema,
      HostRequestError: hostErrors.hostRequestErrorSchema,
      PingResultPayload: probes.pingResultPayloadSchema,
      TerminalOutputPayload: terminal.terminalOutputPayloadSchema,
      TerminalExitPayload: terminal.terminalExitPayloadSchema,
      DockerEventPayload: docker.dockerEventPayloadSchema,
      DockerStatsPayload: docker.dockerStatsPayloadSchema,
      DockerLogPayload: docker.dockerLogPayloadSchema,
      LogLinePayload: extEvents.logLinePayloadSchema,
      UpgradeProgressPayload: extEvents.upgradeProgressPayloadSchema,
    },
  },
  simple: {
    title: 'Hivewatch simple dialect (seed 001): agent endpoint',
    description: 'Flat frames discriminated by type, on /api/v1/agents/ws.',
    schemas: {
      SimpleAgentFrame: simple.simpleAgentFrameSchema,
      SimpleHubFrame: simple.simpleHubFrameSchema,
    },
  },
  browser: {
    title: 'Hivewatch console stream (/api/v1/ws)',
    description: 'Hub → console frames (seed 000 BrowserMessage family).',
    schemas: {
      BrowserFrame: browser.browserFrameSchema,
      ServerState: browser.serverStateSchema,
    },
  },
  'terminal-browser': {
    title: 'Hivewatch console terminal stream (/api/v1/ws/terminal)',
    description:
      'First frame from the browser: TerminalBrowserFrame of type auth (the ticket of TerminalTicketResponse). Then both ways: TerminalBrowserFrame / TerminalHubFrame.',
    schemas: {
      TerminalTicketResponse: terminal.terminalTicketResponseSchema,
      TerminalBrowserFrame: terminal.terminalBrowserFrameSchema,
      TerminalHubFrame: terminal.terminalHubFrameSchema,
    },
  },
  'api-client': {
    title: 'Hivewatch API-client streams (seed 001): /api/v1/ws/metrics/{id}, /api/v1/ws/logs/{id}',
    description: 'First frame from the client: ApiClientAuth. Then hub → client: ApiClientFrame.',
    schemas: {
      ApiClientAuth: api.apiClientAuthSchema,
      ApiClientFrame: api.apiClientFrameSchema,
    },
  },
  'rest-api': {
    title: 'Hivewatch REST API (/api/v1): request bodies, queries and responses',
    description:
      'The shapes of libs/protocol/src/api, one per resource (docs/api.md). Request bodies and queries as a client sends them; responses as the hub answers them (times ISO-8601 strings).',
    schemas: {
      CreateServerBody: rest.createServerSchema,
      UpdateServerBody: rest.updateServerSchema,
      ServerQuery: rest.serverQuerySchema,
      Server: rest.serverSchema,
      ServerWithToken: rest.serverWithTokenSchema,
      ServerList: rest.serverListSchema,
      TagCount: rest.tagCountSchema,
      CreateGroupBody: rest.createGroupSchema,
      UpdateGroupBody: rest.updateGroupSchema,
      Group: rest.groupSchema,
      CreateEnrollmentKeyBody: rest.createEnrollmentKeySchema,
      UpdateEnrollmentKeyBody: rest.updateEnrollmentKeySchema,
      EnrollmentKey: rest.enrollmentKeySchema,
      CreatedEnrollmentKey: rest.createdEnrollmentKeySchema,
      CreateUserBody: rest.createUserSchema,
      UpdateUserBody: rest.updateUserSchema,
      User: rest.userSchema,
      LoginBody: rest.loginSchema,
      ChangePasswordBody: rest.changePasswordSchema,
      Me: rest.meSchema,
      SignInOptions: rest.signInOptionsSchema,
      SsoStartQuery: rest.ssoStartQuerySchema,
      LogoutResult: rest.logoutResultSchema,
      LinkedIdentity: rest.linkedIdentitySchema,
      CreateApiKeyBody: rest.createApiKeySchema,
      ApiKeyListQuery: rest.listApiKeysQuerySchema,
      ApiKey: rest.apiKeySchema,
      CreatedApiKey: rest.createdApiKeySchema,
      AuditQuery: rest.auditQuerySchema,
      AuditPage: rest.auditPageSchema,
      CreateAlertRuleBody: rest.createRuleSchema,
      UpdateAlertRuleBody: rest.updateRuleSchema,
      AlertRule: rest.alertRuleSchema,
      AlertQuery: rest.alertQuerySchema,
      ActiveAlertQuery: rest.activeAlertQuerySchema,
      ActiveAlert: rest.activeAlertSchema,
      AlertPage: rest.alertPageSchema,
      CreateChannelBody: rest.createChannelSchema,
      UpdateChannelBody: rest.updateChannelSchema,
      Channel: rest.channelSchema,
      ChannelTestResult: rest.channelTestResultSchema,
      CreateNotificationGroupBody: rest.createNotificationGroupSchema,
      UpdateNotificationGroupBody: rest.updateNotificationGroupSchema,
      NotificationGroup: rest.notificationGroupSchema,
      DeliveryQuery: rest.deliveryQuerySchema,
      DeliveryPage: rest.deliveryPageSchema,
      AttemptQuery: rest.attemptQuerySchema,
      AttemptPage: rest.attemptPageSchema,
      History: rest.historySchema,
      LiveSample: rest.liveSampleSchema,
      RetentionUpdateBody: rest.retentionUpdateSchema,
      Retention: rest.retentionViewSchema,
      TrafficSettingsBody: rest.trafficSettingsSchema,
      TrafficHistoryQuery: rest.trafficHistoryQuerySchema,
      TrafficUsage: rest.trafficUsageSchema,
      TrafficHistory: rest.trafficHistorySchema,
      CreateCommandRunBody: rest.createCommandRunSchema,
      CommandRunQuery: rest.commandRunQuerySchema,
      CommandRun: rest.commandRunSchema,
      CommandRunDetail: rest.commandRunDetailSchema,
      CommandRunEvent: rest.commandRunEventSchema,
      TerminalSession: rest.terminalSessionSchema,
      TerminalSessionQuery: rest.terminalSessionQuerySchema,
      TerminalSettings: rest.terminalSettingsSchema,
      CreateTask: rest.createTaskSchema,
      UpdateTask: rest.updateTaskSchema,
      Task: rest.taskSchema,
      TaskPreviewRequest: rest.taskPreviewRequestSchema,
      TaskPreviewResponse: rest.taskPreviewResponseSchema,
      CommandTarget: rest.commandTargetSchema,
      ServerContainers: rest.serverContainersSchema,
      ContainerListQuery: rest.containerListQuerySchema,
      ContainerList: rest.containerListSchema,
      ContainerHistoryQuery: rest.containerHistoryQuerySchema,
      ContainerHistory: rest.containerHistorySchema,
      DockerEventQuery: rest.dockerEventQuerySchema,
      DockerEventList: rest.dockerEventListSchema,
      ContainerActionBody: rest.containerActionBodySchema,
      ContainerActionResult: rest.containerActionResultSchema,
      ContainerLogsQuery: rest.containerLogsQuerySchema,
      ContainerLogEvent: rest.containerLogEventSchema,
      Error: rest.hubErrorSchema,
    },
  },
} as const satisfies Record<string, JsonSchemaGroup>;

export type JsonSchemaGroupName = keyof typeof jsonSchemaGroups;
