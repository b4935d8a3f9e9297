import {
  BadGatewayException,
  ConflictException,
  GatewayTimeoutException,
  InternalServerErrorException,
} from '@nestjs/common';
import type { HostRequestErrorCode } from '@hivewatch/protocol';

/** 409: no live connection for the server. */
export class AgentOfflineError extends ConflictException {
  constructor(serverId: string) {
    super(`agent offline: server ${serverId} has no connected agent`);
  }
}

/** 409: the agent's dialect or advertised capabilities do not allow the action. */
export class ActionUnsupportedError extends ConflictException {}

/** 504: no answer within the timeout. */
export class AgentTimeoutError extends GatewayTimeoutException {
  constructor(action: string, timeoutMs: number) {
    super(`agent did not answer '${action}' within ${timeoutMs} ms`);
  }
}

/**
 * 502: the agent answered `status:"error"` (its message, and its code when there is one: the REST
 * body's `code`), or an answer that does not fit the contract.
 */
export class AgentReplyError extends BadGatewayException {
  constructor(
    message: string,
    readonly code?: HostRequestErrorCode,
  ) {
    super(code === undefined ? message : { statusCode: 502, error: 'Bad Gateway', message, code });
  }
}

/** 500: a request the hub itself built did not validate (a bug, never the caller's input). */
export class InvalidAgentRequestError extends InternalServerErrorException {}
