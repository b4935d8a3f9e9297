import {
  BadGatewayException,
  ConflictException,
  GatewayTimeoutException,
  InternalServerErrorException,
} from '@nestjs/common';

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

/** 502: the agent answered `status:"error"` (its message), or an answer that does not fit the contract. */
export class AgentReplyError extends BadGatewayException {}

/** 500: a request the hub itself built did not validate (a bug, never the caller's input). */
export class InvalidAgentRequestError extends InternalServerErrorException {}
