import type {
  AlertRecord,
  AlertRule as WireAlertRule,
  ApiKey as WireApiKey,
  AuditRecord,
  Channel,
  CreatedApiKey as WireCreatedApiKey,
  DeliveryAttempt,
  Delivery,
  EnrollmentKey,
  Group,
  JsonOf,
  NotificationGroup as WireNotificationGroup,
  Server,
  ServerWithToken as WireServerWithToken,
  User as WireUser,
} from '@hivewatch/protocol';
import type { AlertRule } from '../../alerts/alert-rule.entity.js';
import type { AlertState } from '../../alerts/alert-state.entity.js';
import type { ApiKeyView, CreatedApiKey } from '../../api-keys/dto/api-key.dto.js';
import type { AuditLog } from '../../audit/audit-log.entity.js';
import type { ChannelView } from '../../notifications/dto/channel.dto.js';
import type { NotificationAttempt } from '../../notifications/notification-attempt.entity.js';
import type { NotificationDelivery } from '../../notifications/notification-delivery.entity.js';
import type { NotificationGroup } from '../../notifications/notification-group.entity.js';
import type { EnrollmentKeyView } from '../../servers/dto/enrollment-key.dto.js';
import type { GroupView } from '../../servers/dto/group.dto.js';
import type { ServerAnswer, ServerWithToken } from '../../servers/dto/server.dto.js';
import type { UserView } from '../../users/dto/user.dto.js';

/** True when A and B are mutually assignable. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * The REST response types are the protocol's (libs/protocol/src/api); the hub builds them from its
 * entities and views, whose `Date`s JSON turns into ISO strings. Each line fails the hub's
 * type-check (and build) when a view and its wire shape drift apart.
 */
export const WIRE_CONTRACT = {
  server: true satisfies Same<JsonOf<ServerAnswer>, Server>,
  serverWithToken: true satisfies Same<JsonOf<ServerWithToken>, WireServerWithToken>,
  group: true satisfies Same<JsonOf<GroupView>, Group>,
  enrollmentKey: true satisfies Same<JsonOf<EnrollmentKeyView>, EnrollmentKey>,
  user: true satisfies Same<JsonOf<UserView>, WireUser>,
  apiKey: true satisfies Same<JsonOf<ApiKeyView>, WireApiKey>,
  createdApiKey: true satisfies Same<JsonOf<CreatedApiKey>, WireCreatedApiKey>,
  audit: true satisfies Same<JsonOf<AuditLog>, AuditRecord>,
  alertRule: true satisfies Same<JsonOf<AlertRule>, WireAlertRule>,
  alert: true satisfies Same<JsonOf<AlertState>, AlertRecord>,
  channel: true satisfies Same<JsonOf<ChannelView>, Channel>,
  notificationGroup: true satisfies Same<JsonOf<NotificationGroup>, WireNotificationGroup>,
  delivery: true satisfies Same<JsonOf<NotificationDelivery>, Delivery>,
  attempt: true satisfies Same<JsonOf<NotificationAttempt>, DeliveryAttempt>,
} as const;
