import { AlertRule } from '../alerts/alert-rule.entity.js';
import { AlertState } from '../alerts/alert-state.entity.js';
import { ApiKey } from '../api-keys/api-key.entity.js';
import { AuditLog } from '../audit/audit-log.entity.js';
import { CommandRun } from '../commands/command-run.entity.js';
import { CommandTarget } from '../commands/command-target.entity.js';
import { ScheduledTask } from '../tasks/scheduled-task.entity.js';
import { TerminalSession } from '../terminal/terminal-session.entity.js';
import { UserIdentity } from '../auth/identities/user-identity.entity.js';
import { RecoveryCode } from '../auth/second-factor/recovery-code.entity.js';
import { SecondFactor } from '../auth/second-factor/second-factor.entity.js';
import { SignInChallenge } from '../auth/second-factor/sign-in-challenge.entity.js';
import { Session } from '../auth/session.entity.js';
import { SsoFlow } from '../auth/sso/sso-flow.entity.js';
import { DirtyHour } from '../records/dirty-hour.entity.js';
import { HourlyRecord } from '../records/hourly-record.entity.js';
import { MinuteRecord } from '../records/minute-record.entity.js';
import { RecordSeries } from '../records/record-series.entity.js';
import { EnrollmentKey } from '../servers/enrollment-key.entity.js';
import { ServerGroup } from '../servers/server-group.entity.js';
import { ServerTag } from '../servers/server-tag.entity.js';
import { Server } from '../servers/server.entity.js';
import { NotificationAttempt } from '../notifications/notification-attempt.entity.js';
import { NotificationChannel } from '../notifications/notification-channel.entity.js';
import { NotificationDelivery } from '../notifications/notification-delivery.entity.js';
import { NotificationGroup } from '../notifications/notification-group.entity.js';
import { TrafficDaily, TrafficHourly, TrafficSettings, TrafficState } from '../traffic/traffic.entities.js';
import { User } from '../users/user.entity.js';
import { ConfigEntry } from './config-entry.entity.js';
import { ContainerHour, ContainerMinute } from '../docker/entities/container-figures.entity.js';
import { DockerContainer } from '../docker/entities/docker-container.entity.js';
import { DockerEventRow } from '../docker/entities/docker-event.entity.js';
import { STATUS_ENTITIES } from '../status/entities/index.js';

/** Every entity, listed once: the app, the migration CLI and the tests load this array. */
export const ENTITIES = [
  User,
  Session,
  ApiKey,
  ServerGroup,
  Server,
  ServerTag,
  EnrollmentKey,
  AuditLog,
  ConfigEntry,
  RecordSeries,
  MinuteRecord,
  HourlyRecord,
  DirtyHour,
  AlertRule,
  AlertState,
  NotificationChannel,
  NotificationGroup,
  NotificationDelivery,
  NotificationAttempt,
  TrafficHourly,
  TrafficDaily,
  TrafficState,
  TrafficSettings,
  UserIdentity,
  SecondFactor,
  RecoveryCode,
  SignInChallenge,
  SsoFlow,
  CommandRun,
  CommandTarget,
  TerminalSession,
  ScheduledTask,
  DockerContainer,
  ContainerMinute,
  ContainerHour,
  DockerEventRow,
  ...STATUS_ENTITIES,
];
