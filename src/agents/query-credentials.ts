/**
 * Names of query parameters that carry a credential. Seed 000's agents put the raw token in the
 * URL, where every proxy and access log keeps it; the hub refuses such connections (4401, audited).
 */
const CREDENTIAL_PARAM =
  /^(token|agent_?token|access_?token|api[_-]?key|apikey|key|secret|password|auth|authorization|enrollment_?key|enroll)$/i;
/** Values shaped like one of our secrets, whatever the parameter is called. */
const CREDENTIAL_VALUE = /^(hwa|hwe|hwk)_/;

/** The offending parameter names of a request URL (never their values). */
export function credentialParamsInUrl(url: string | undefined): string[] {
  const q = url?.indexOf('?') ?? -1;
  if (url === undefined || q < 0) return [];
  const found: string[] = [];
  for (const [name, value] of new URLSearchParams(url.slice(q + 1))) {
    if (CREDENTIAL_PARAM.test(name) || CREDENTIAL_VALUE.test(value)) found.push(name.slice(0, 64));
  }
  return found;
}
