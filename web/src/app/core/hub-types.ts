/**
 * REST shapes of the hub as the console uses them: all from the shared contract
 * (`@hivewatch/protocol`, libs/protocol/src/api). Response types are the JSON the hub answers.
 */
import type {
  AlertQuery,
  AttemptQuery,
  CreateApiKeyInput,
  CreateEnrollmentKeyInput,
  CreateNotificationGroupInput,
  CreateRuleInput,
  DeliveryQuery,
  Server,
  UpdateNotificationGroupInput,
  UpdateRuleInput,
  UserRole as Role,
} from '@hivewatch/protocol';

export type {
  ActiveAlert,
  AlertMetric,
  AlertPage,
  AlertRecord,
  AlertRule,
  ApiKey,
  AttemptPage,
  AuditPage,
  AuditRecord,
  AvgMax,
  BarkSettings,
  Channel,
  ChannelSettings,
  ChannelTestResult,
  ChannelType,
  Condition,
  CreateGroupInput,
  CreateServerInput,
  CreatedEnrollmentKey,
  CreateUserInput,
  Delivery,
  DeliveryAttempt,
  DeliveryPage,
  DeliveryStatus,
  EmailSettings,
  EnrollmentKey,
  Group,
  History,
  HubError,
  Me,
  MetricCondition,
  NetPoint,
  NotificationGroup,
  Operator,
  RuleScope,
  Server,
  ServerList,
  ServerWithToken,
  SilenceWindow,
  TelegramSettings,
  TemplateVariable,
  TrafficHistory,
  TrafficUsage,
  UpdateServerInput,
  UpdateUserInput,
  User,
  WebhookSettings,
} from '@hivewatch/protocol';
export type {
  CreatedApiKey as NewApiKey,
  CreateChannelInput as CreateChannelBody,
  TrafficSettingsInput as TrafficSettingsBody,
  UpdateChannelInput as UpdateChannelBody,
} from '@hivewatch/protocol';

export type UserRole = Role;
export type AppliedAgentConfig = Server['agentConfig'];
export type CreateEnrollmentKeyBody = Omit<CreateEnrollmentKeyInput, 'expiresAt'> & {
  expiresAt?: string | null;
};
export type CreateApiKeyBody = Omit<CreateApiKeyInput, 'expiresAt'> & { expiresAt?: string };

/** Query strings as the console sends them: every value a string (times ISO-8601). */
export type QueryOf<T> = { [K in keyof T]?: string };

// Alerts (docs/alerts.md)
export type CreateRuleBody = CreateRuleInput;
export type UpdateRuleBody = UpdateRuleInput;
export type AlertFilter = QueryOf<Omit<AlertQuery, 'cursor' | 'limit'>>;

// Notifications
export type CreateNotificationGroupBody = CreateNotificationGroupInput;
export type UpdateNotificationGroupBody = UpdateNotificationGroupInput;
export type AttemptFilter = QueryOf<Omit<AttemptQuery, 'cursor' | 'limit' | 'deliveryId'>>;
export type DeliveryFilter = QueryOf<Omit<DeliveryQuery, 'cursor' | 'limit'>>;
