import type { ExternalIdentity } from '../sso/sso-provider.js';

/** Room left under the 64-character username limit for a `-<n>` suffix. */
const BASE_MAX = 58;

/**
 * The username a registration suggests: the provider's preferred username, else the e-mail's local
 * part, else `<provider>-<subject>`, reduced to the characters usernames allow.
 */
export function suggestedUsername(identity: ExternalIdentity): string {
  const raw =
    identity.preferredUsername ?? identity.email?.split('@')[0] ?? `${identity.provider}-${identity.subject}`;
  const clean = raw
    .replace(/[^a-zA-Z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, BASE_MAX);
  return clean === '' ? `${identity.provider}-user` : clean;
}

/** `name`, then `name-2`, `name-3`, … */
export function* usernameCandidates(base: string, tries = 20): Generator<string> {
  yield base;
  for (let n = 2; n <= tries; n++) yield `${base}-${n}`;
}
