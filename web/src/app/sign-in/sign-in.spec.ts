import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { SSO_ERRORS } from '@hivewatch/protocol';
import { SSO_ERROR_TEXT } from '../core/sign-in-options.service';
import { SignIn, safeNext } from './sign-in';

@Component({ template: 'server page' })
class Target {}

const ME = {
  user: { id: 'u', username: 'ops', role: 'user' },
  via: 'session',
  scope: 'read',
  secondFactor: true,
  mustEnrollSecondFactor: false,
  steppedUpUntil: null,
};

async function setup(next?: string) {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([
        { path: 'servers/:id', component: Target },
        { path: 'account/security', component: Target },
      ]),
    ],
  });
  const fixture = TestBed.createComponent(SignIn);
  if (next) fixture.componentRef.setInput('next', next);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const type = (name: string, value: string) => {
    const input = el.querySelector<HTMLInputElement>(`input[name=${name}]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  type('username', 'ops');
  type('password', 'wrong-password');
  await fixture.whenStable();
  el.querySelector('form')!.dispatchEvent(new Event('submit'));
  return { fixture, el, http: TestBed.inject(HttpTestingController) };
}

describe('SignIn', () => {
  it('tells how long to wait when the hub rate-limits sign-in', async () => {
    const { fixture, el, http } = await setup();
    http
      .expectOne('/api/v1/auth/login')
      .flush(
        { statusCode: 429, message: 'Too many attempts' },
        { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '540' } },
      );
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=sign-in-error]')?.textContent).toContain('Try again in 9 minutes');
  });

  it('says the credentials are wrong on 401', async () => {
    const { fixture, el, http } = await setup();
    http
      .expectOne('/api/v1/auth/login')
      .flush({ message: 'Invalid' }, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=sign-in-error]')?.textContent).toContain(
      'Wrong username or password',
    );
  });

  it('goes back to where the user was after signing in', async () => {
    const { fixture, http } = await setup('/servers/42');
    http.expectOne('/api/v1/auth/login').flush({
      status: 'signed-in',
      user: { id: 'u', username: 'ops', role: 'user' },
      enrollSecondFactor: false,
    });
    await fixture.whenStable();
    http.expectOne('/api/v1/auth/me').flush(ME);
    await fixture.whenStable();
    await vi.waitFor(() => expect(TestBed.inject(Router).url).toBe('/servers/42'));
  });

  it('never redirects outside the console', () => {
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/admin/users')).toBe('/admin/users');
    expect(safeNext('/\\evil.example')).toBe('/');
  });

  it('asks for the code when the password is right and a second factor is on', async () => {
    const { fixture, el, http } = await setup('/servers/42');
    http.expectOne('/api/v1/auth/login').flush({
      status: 'second-factor',
      challenge: 'ch-1',
      methods: ['totp', 'recovery-code'],
      expiresAt: new Date(Date.now() + 300_000).toISOString(),
    });
    await fixture.whenStable();
    const code = el.querySelector<HTMLInputElement>('input[name=code]')!;
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    code.value = '123456';
    code.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    el.querySelector('form')!.dispatchEvent(new Event('submit'));
    const step = http.expectOne('/api/v1/auth/login/second-factor');
    expect(step.request.body).toEqual({ challenge: 'ch-1', code: '123456' });
    step.flush({ status: 'signed-in', user: ME.user, enrollSecondFactor: false });
    await fixture.whenStable();
    http.expectOne('/api/v1/auth/me').flush(ME);
    await vi.waitFor(() => expect(TestBed.inject(Router).url).toBe('/servers/42'));
  });

  it('takes a recovery code instead, and says when it is refused', async () => {
    const { fixture, el, http } = await setup();
    http.expectOne('/api/v1/auth/login').flush({
      status: 'second-factor',
      challenge: 'ch-2',
      methods: ['totp', 'recovery-code'],
      expiresAt: new Date().toISOString(),
    });
    await fixture.whenStable();
    el.querySelector<HTMLButtonElement>('[data-testid=toggle-recovery]')!.click();
    await fixture.whenStable();
    const input = el.querySelector<HTMLInputElement>('input[name=recoveryCode]')!;
    input.value = 'ABCD-EFGH-IJKL-MNOP';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    el.querySelector('form')!.dispatchEvent(new Event('submit'));
    const step = http.expectOne('/api/v1/auth/login/second-factor');
    expect(step.request.body).toEqual({ challenge: 'ch-2', recoveryCode: 'ABCD-EFGH-IJKL-MNOP' });
    step.flush({ message: 'Invalid code' }, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=sign-in-error]')?.textContent).toContain('not valid');
  });

  it('sends a user who must enroll a second factor to the security page', async () => {
    const { fixture, http } = await setup('/servers/42');
    http
      .expectOne('/api/v1/auth/login')
      .flush({ status: 'signed-in', user: ME.user, enrollSecondFactor: true });
    await fixture.whenStable();
    http.expectOne('/api/v1/auth/me').flush({ ...ME, mustEnrollSecondFactor: true });
    await vi.waitFor(() => expect(TestBed.inject(Router).url).toBe('/account/security'));
  });
});

describe('SignIn with providers', () => {
  async function open(inputs: Record<string, string>, options: object) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const fixture = TestBed.createComponent(SignIn);
    for (const [k, v] of Object.entries(inputs)) fixture.componentRef.setInput(k, v);
    await fixture.whenStable();
    TestBed.inject(HttpTestingController).expectOne('/api/v1/auth/providers').flush(options);
    await new Promise((r) => setTimeout(r, 0));
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement, http: TestBed.inject(HttpTestingController) };
  }
  const PROVIDERS = [
    { id: 'corp', kind: 'oidc', displayName: 'Corp SSO' },
    { id: 'github', kind: 'github', displayName: 'GitHub' },
  ];

  it('offers one button per provider, coming back to the page asked for', async () => {
    const { el } = await open({ next: '/servers/42' }, { providers: PROVIDERS, localSignIn: true });
    const links = [...el.querySelectorAll<HTMLAnchorElement>('a.provider')];
    expect(links.map((a) => a.textContent?.trim())).toEqual(['Sign in with Corp SSO', 'Sign in with GitHub']);
    expect(links[0].getAttribute('href')).toBe(
      '/api/v1/auth/sso/corp/start?purpose=sign-in&returnTo=%2Fservers%2F42',
    );
    expect(el.querySelector('[data-testid=local-form]')).not.toBeNull();
  });

  it('hides the password form when local sign-in is off, behind a break-glass link', async () => {
    const { fixture, el } = await open({}, { providers: PROVIDERS, localSignIn: false });
    expect(el.querySelector('[data-testid=local-form]')).toBeNull();
    el.querySelector<HTMLButtonElement>('[data-testid=break-glass]')!.click();
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=local-form] input[name=password]')).not.toBeNull();
  });

  it.each(SSO_ERRORS.map((code) => [code]))('explains the provider error %s in plain words', async (code) => {
    const { el } = await open({ error: code }, { providers: PROVIDERS, localSignIn: true });
    const text = el.querySelector('[data-testid=provider-error]')?.textContent ?? '';
    expect(text).toBe(SSO_ERROR_TEXT[code]);
    expect(text.length).toBeGreaterThan(30); // a sentence, not the bare code
  });

  it('has a different sentence for every provider error', () => {
    expect(new Set(SSO_ERRORS.map((c) => SSO_ERROR_TEXT[c])).size).toBe(SSO_ERRORS.length);
  });

  it('asks for the second factor after a provider sign-in, the challenge staying in its cookie', async () => {
    const { fixture, el, http } = await open(
      { step: 'second-factor', returnTo: '/servers/7' },
      { providers: PROVIDERS, localSignIn: true },
    );
    const code = el.querySelector<HTMLInputElement>('input[name=code]')!;
    code.value = '654321';
    code.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    el.querySelector('form')!.dispatchEvent(new Event('submit'));
    expect(http.expectOne('/api/v1/auth/login/second-factor').request.body).toEqual({ code: '654321' });
  });
});
