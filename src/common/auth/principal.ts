import type { ApiKeyScope } from '../../api-keys/api-key.entity.js';
import type { UserRole } from '../../users/user.entity.js';

/**
 * Who is making a request, however they authenticated. `scope` is what the credential may do:
 * a session or access token carries its user's role; an API key carries its own scope, and a
 * `read` scope can never mutate, whatever its user's role.
 */
export interface Principal {
  via: 'session' | 'api-key' | 'access-token';
  userId: string;
  username: string;
  role: UserRole;
  scope: ApiKeyScope;
  sessionId?: string;
  apiKeyId?: string;
  /** Sessions only: what step-up and the mandatory second factor need to know about the session. */
  session?: SessionFacts;
}

/** The parts of a session the guards read: how it was opened and its last proof of identity. */
export interface SessionFacts {
  /** AuthMethod: `password`, `totp`, `recovery-code` or `sso:<provider>`. */
  method: string;
  steppedUpAt: Date | null;
  mustEnrollSecondFactor: boolean;
}

/** The actor recorded in the audit log for requests that have no principal. */
export interface AnonymousActor {
  via: 'anonymous' | 'system' | 'agent';
  id?: string | null;
  name?: string | null;
}
