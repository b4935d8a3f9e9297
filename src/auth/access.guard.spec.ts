import { describe, expect, it, jest } from '@jest/globals';
import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ACCESS_KEY,
  ALLOWED_BEFORE_ENROLLMENT_KEY,
  type AccessLevel,
} from '../common/auth/access.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import type { AppConfig } from '../config/app-config.js';
import { AccessGuard } from './access.guard.js';
import type { CredentialsService } from './credentials.service.js';
import type { StepUpGuard } from './step-up/step-up.guard.js';

const adminSession: Principal = {
  via: 'session',
  userId: 'a',
  username: 'admin',
  role: 'admin',
  scope: 'admin',
  sessionId: 's',
};
const enrollingSession: Principal = {
  ...adminSession,
  session: { method: 'password', steppedUpAt: null, mustEnrollSecondFactor: true },
};
const readKey: Principal = {
  via: 'api-key',
  userId: 'a',
  username: 'admin',
  role: 'admin',
  scope: 'read',
  apiKeyId: 'k',
};

interface FakeRequest {
  method: string;
  headers: Record<string, string>;
  cookies: Record<string, string>;
  host?: string;
  principal?: Principal;
}

function setup(level: AccessLevel | undefined, publicUrl?: string, allowedBeforeEnrollment = false) {
  const sessions: Record<string, Principal> = {
    'good-cookie': adminSession,
    'enrolling-cookie': enrollingSession,
  };
  const credentials = {
    authenticateSession: jest.fn((v: string) => Promise.resolve(sessions[v] ?? null)),
    authenticateBearer: jest.fn((v: string) => Promise.resolve(v === 'hw_read' ? readKey : null)),
  };
  const metadata: Record<string, unknown> = {
    [ACCESS_KEY]: level,
    [ALLOWED_BEFORE_ENROLLMENT_KEY]: allowedBeforeEnrollment || undefined,
  };
  const reflector = { getAllAndOverride: (key: string) => metadata[key] } as unknown as Reflector;
  const config = { publicUrl, trustProxy: false } as AppConfig;
  const stepUp = { canActivate: jest.fn(() => Promise.resolve(true)) };
  const guard = new AccessGuard(
    reflector,
    credentials as unknown as CredentialsService,
    config,
    stepUp as unknown as StepUpGuard,
  );
  const run = (req: FakeRequest) => {
    const ctx = {
      getType: () => 'http',
      getHandler: () => undefined,
      getClass: () => undefined,
      switchToHttp: () => ({ getRequest: () => req }),
    } as unknown as ExecutionContext;
    return guard.canActivate(ctx);
  };
  return { run, credentials, stepUp };
}

const req = (method: string, headers: Record<string, string> = {}, cookie?: string): FakeRequest => ({
  method,
  headers: { host: 'hub:8080', ...headers },
  cookies: cookie ? { hw_session: cookie } : {},
});

describe('AccessGuard', () => {
  it('lets public routes through without looking at credentials', async () => {
    const { run, credentials } = setup('public');
    await expect(run(req('GET'))).resolves.toBe(true);
    expect(credentials.authenticateSession).not.toHaveBeenCalled();
  });

  it('refuses a cross-origin POST to a public route (login CSRF) but not one without Origin', async () => {
    const { run } = setup('public');
    await expect(run(req('POST', { origin: 'https://evil.example' }))).rejects.toBeInstanceOf(
      ForbiddenException,
    );
    await expect(run(req('POST'))).resolves.toBe(true);
  });

  it('answers 401 without a credential and with an invalid one', async () => {
    const { run } = setup(undefined);
    await expect(run(req('GET'))).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(run(req('GET', {}, 'stale-cookie'))).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(run(req('GET', { authorization: 'Bearer nope' }))).rejects.toBeInstanceOf(
      UnauthorizedException,
    );
  });

  it('sets the principal when allowed', async () => {
    const { run } = setup(undefined);
    const r = req('DELETE', {}, 'good-cookie');
    await expect(run(r)).resolves.toBe(true);
    expect(r.principal).toBe(adminSession);
  });

  it('prefers the bearer token over the cookie, and a read key never mutates', async () => {
    const { run } = setup('authenticated');
    await expect(run(req('GET', { authorization: 'Bearer hw_read' }, 'good-cookie'))).resolves.toBe(true);
    await expect(run(req('POST', { authorization: 'Bearer hw_read' }, 'good-cookie'))).rejects.toBeInstanceOf(
      ForbiddenException,
    );
  });

  it('refuses cross-origin cookie writes before any lookup, and exempts bearer requests', async () => {
    const { run, credentials } = setup('authenticated');
    const foreign = { origin: 'https://evil.example' };
    await expect(run(req('POST', foreign, 'good-cookie'))).rejects.toBeInstanceOf(ForbiddenException);
    await expect(run(req('POST', { 'sec-fetch-site': 'cross-site' }, 'good-cookie'))).rejects.toBeInstanceOf(
      ForbiddenException,
    );
    expect(credentials.authenticateSession).not.toHaveBeenCalled();
    await expect(run(req('POST', { origin: 'http://hub:8080' }, 'good-cookie'))).resolves.toBe(true);
    await expect(run(req('GET', foreign, 'good-cookie'))).resolves.toBe(true);
    await expect(run(req('GET', { ...foreign, authorization: 'Bearer hw_read' }))).resolves.toBe(true);
  });

  it("trusts the public URL's host as an origin", async () => {
    const { run } = setup('authenticated', 'https://hub.example.com');
    await expect(run(req('POST', { origin: 'https://hub.example.com' }, 'good-cookie'))).resolves.toBe(true);
  });

  it('keeps a session that must enroll a second factor to the enrollment routes', async () => {
    const blocked = setup('authenticated');
    await expect(blocked.run(req('GET', {}, 'enrolling-cookie'))).rejects.toThrow(/second factor/);
    await expect(blocked.run(req('GET', {}, 'good-cookie'))).resolves.toBe(true);
    const allowed = setup('authenticated', undefined, true);
    await expect(allowed.run(req('GET', {}, 'enrolling-cookie'))).resolves.toBe(true);
  });

  it('hands allowed calls to the step-up check', async () => {
    const { run, stepUp } = setup('admin');
    stepUp.canActivate.mockRejectedValueOnce(new UnauthorizedException('step up'));
    await expect(run(req('POST', {}, 'good-cookie'))).rejects.toThrow('step up');
    expect(stepUp.canActivate).toHaveBeenCalledTimes(1);
  });
});
