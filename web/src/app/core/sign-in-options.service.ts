import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import type { SignInOptions, SsoError, SsoProvider, SsoPurpose } from '@hivewatch/protocol';
import { firstValueFrom } from 'rxjs';

/** The sign-in providers the hub offers (`GET /auth/providers`), asked once per page load. */
@Injectable({ providedIn: 'root' })
export class SignInOptionsService {
  private readonly http = inject(HttpClient);
  private readonly state = signal<SignInOptions | null>(null);
  private loading: Promise<SignInOptions> | null = null;
  /** Null until loaded (the local form shows meanwhile: the usual case). */
  readonly options = this.state.asReadonly();

  load(): Promise<SignInOptions> {
    this.loading ??= firstValueFrom(this.http.get<SignInOptions>('/api/v1/auth/providers')).then(
      (options) => {
        this.state.set(options);
        return options;
      },
      () => {
        this.loading = null;
        const fallback: SignInOptions = { providers: [], localSignIn: true };
        this.state.set(fallback);
        return fallback;
      },
    );
    return this.loading;
  }

  provider(id: string): SsoProvider | undefined {
    return this.state()?.providers.find((p) => p.id === id);
  }
}

/** Where a provider round trip starts; the hub sends the browser back to `returnTo` (a console path). */
export function ssoStartUrl(providerId: string, purpose: SsoPurpose, returnTo: string): string {
  const query = new URLSearchParams({ purpose, returnTo });
  return `/api/v1/auth/sso/${encodeURIComponent(providerId)}/start?${query.toString()}`;
}

/** Every SsoError code (protocol sso.ts) in plain words. */
export const SSO_ERROR_TEXT: Record<SsoError, string> = {
  refused: 'The sign-in provider refused the sign-in, or it was cancelled.',
  'not-registered':
    'This identity has no Hivewatch account, and registration is off. Ask an administrator to invite you or to link it to your account.',
  'group-not-allowed':
    'Your identity is in no group that may use Hivewatch. Ask an administrator to add you to an allowed group.',
  'org-not-allowed': 'Your GitHub account is not a member of an organization allowed to sign in.',
  'domain-not-allowed': 'Your Google account is not in the domain allowed to sign in.',
  'email-unverified': 'The provider has not verified your e-mail address, so it cannot be used to sign in.',
  'provider-unreachable': 'The sign-in provider could not be reached. Try again in a moment.',
  'invalid-response':
    'The answer from the sign-in provider failed its security checks. Try again; if it keeps failing, tell an administrator.',
  expired: 'The sign-in took too long or was already used. Start again.',
  'already-linked': 'That identity is already linked to another Hivewatch account.',
  disabled: 'Your Hivewatch account is disabled.',
  'reauthentication-required':
    'The provider did not ask you to sign in again, so it did not prove it is you. Try again.',
};

/** The sentence for an `error`/`ssoError` query parameter, or null when there is none. */
export function ssoErrorText(code: string | null | undefined): string | null {
  if (!code) return null;
  return (SSO_ERROR_TEXT as Record<string, string | undefined>)[code] ?? 'Sign-in with the provider failed.';
}
