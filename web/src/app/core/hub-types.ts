/**
 * REST shapes of the hub, taken from its own DTO types (type-only imports: nothing of the hub is
 * bundled). JSON turns every `Date` into an ISO string, which `Wire<T>` states.
 */
import type { SignedInUser } from '@hub/auth/dto/auth.dto';
import type { ServerApiView, CreateServerInput, UpdateServerInput } from '@hub/servers/dto/server.dto';
import type { GroupView, CreateGroupInput } from '@hub/servers/dto/group.dto';
import type { EnrollmentKeyView, CreateEnrollmentKeyInput } from '@hub/servers/dto/enrollment-key.dto';
import type { UserView, CreateUserInput, UpdateUserInput } from '@hub/users/dto/user.dto';
import type { ApiKeyView, CreatedApiKey, CreateApiKeyInput } from '@hub/api-keys/dto/api-key.dto';
import type { AuditLog } from '@hub/audit/audit-log.entity';
import type { HistoryResult, AvgMax, NetPoint } from '@hub/records/history-points';
import type { Principal } from '@hub/common/auth/principal';
import type { AlertRule as AlertRuleRow } from '@hub/alerts/alert-rule.entity';
import type { AlertState } from '@hub/alerts/alert-state.entity';
import type { ActiveAlert as ActiveAlertModel } from '@hub/alerts/alert-model';
import type { AlertQuery } from '@hub/alerts/dto/alert-query.dto';
import type {
  AlertMetric,
  Condition,
  CreateRuleInput,
  MetricCondition,
  Operator,
  RuleScope,
  SilenceWindow,
  UpdateRuleInput,
} from '@hub/alerts/dto/alert-rule.dto';
import type {
  BarkSettings,
  ChannelSettings,
  ChannelType,
  ChannelView,
  CreateChannelInput,
  EmailSettings,
  TelegramSettings,
  UpdateChannelInput,
  WebhookSettings,
} from '@hub/notifications/dto/channel.dto';
import type {
  CreateNotificationGroupInput,
  UpdateNotificationGroupInput,
} from '@hub/notifications/dto/group.dto';
import type { AttemptQuery, DeliveryQuery } from '@hub/notifications/dto/log-query.dto';
import type { Page } from '@hub/notifications/delivery-log.service';
import type { AttemptOutcome } from '@hub/notifications/delivery-queue';
import type { DeliveryStatus, NotificationDelivery } from '@hub/notifications/notification-delivery.entity';
import type { NotificationMessage } from '@hub/notifications/message';
import type { NotificationAttempt } from '@hub/notifications/notification-attempt.entity';
import type { NotificationGroup as NotificationGroupRow } from '@hub/notifications/notification-group.entity';
import type { TrafficSettingsInput, TrafficUsageView } from '@hub/traffic/dto/traffic.dto';
import type { TrafficService } from '@hub/traffic/traffic.service';

export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type { CreateServerInput, UpdateServerInput, CreateGroupInput, CreateUserInput, UpdateUserInput };
export type { AvgMax, NetPoint };
export type Me = { user: SignedInUser; via: Principal['via']; scope: Principal['scope'] };
export type UserRole = SignedInUser['role'];
export type Server = Wire<ServerApiView>;
export type AppliedAgentConfig = Server['agentConfig'];
export type ServerWithToken = { server: Server; token: string; agentCommand: string };
export type Group = Wire<GroupView>;
export type EnrollmentKey = Wire<EnrollmentKeyView>;
export type CreateEnrollmentKeyBody = Omit<CreateEnrollmentKeyInput, 'expiresAt'> & {
  expiresAt?: string | null;
};
export type CreatedEnrollmentKey = { enrollmentKey: EnrollmentKey; key: string };
export type User = Wire<UserView>;
export type ApiKey = Wire<ApiKeyView>;
export type NewApiKey = Wire<CreatedApiKey>;
export type CreateApiKeyBody = Omit<CreateApiKeyInput, 'expiresAt'> & { expiresAt?: string };
export type AuditRecord = Wire<AuditLog>;
export type AuditPage = { items: AuditRecord[]; nextCursor: number | null };
export type History = HistoryResult;

/** Query strings as the console sends them: every value a string (times ISO-8601). */
export type QueryOf<T> = { [K in keyof T]?: string };

// Alerts (docs/alerts.md)
export type { AlertMetric, Condition, MetricCondition, Operator, RuleScope, SilenceWindow };
export type CreateRuleBody = CreateRuleInput;
export type UpdateRuleBody = UpdateRuleInput;
export type AlertRule = Wire<AlertRuleRow>;
/** A pending or firing alert from `GET /alerts/active` (times are epoch milliseconds). */
export type ActiveAlert = ActiveAlertModel;
export type AlertRecord = Wire<AlertState>;
export type AlertPage = { items: AlertRecord[]; nextCursor: string | null };
export type AlertFilter = QueryOf<Omit<AlertQuery, 'cursor' | 'limit'>>;

// Notifications
export type { ChannelType, ChannelSettings, WebhookSettings, TelegramSettings, BarkSettings, EmailSettings };
export type Channel = Wire<ChannelView>;
export type CreateChannelBody = CreateChannelInput;
export type UpdateChannelBody = UpdateChannelInput;
export type ChannelTestResult = AttemptOutcome & { deliveryId: number };
export type NotificationGroup = Wire<NotificationGroupRow>;
export type CreateNotificationGroupBody = CreateNotificationGroupInput;
export type UpdateNotificationGroupBody = UpdateNotificationGroupInput;
export type DeliveryAttempt = Wire<NotificationAttempt>;
/** The variables a webhook template may use. */
export type TemplateVariable = keyof NotificationMessage;
export type AttemptPage = Wire<Page<NotificationAttempt>>;
export type AttemptFilter = QueryOf<Omit<AttemptQuery, 'cursor' | 'limit' | 'deliveryId'>>;
/** A row of the delivery queue (`GET /notification-deliveries`). */
export type Delivery = Wire<NotificationDelivery>;
export type { DeliveryStatus };
export type DeliveryPage = Wire<Page<NotificationDelivery>>;
export type DeliveryFilter = QueryOf<Omit<DeliveryQuery, 'cursor' | 'limit'>>;

// Traffic
export type TrafficUsage = TrafficUsageView;
export type TrafficSettingsBody = TrafficSettingsInput;
export type TrafficHistory = Awaited<ReturnType<TrafficService['history']>>;

/** Every hub error body (docs/api.md "Errors"). */
export interface HubError {
  statusCode: number;
  error: string;
  message: string | string[];
  requestId?: string;
}
