import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { authInterceptor } from '../core/auth.interceptor';
import { stepUpInterceptor } from '../core/step-up.interceptor';
import { ToastService } from '../core/toast.service';
import { ServicesTab } from '../server/services-tab';
import { StepUpDialog } from './step-up-dialog';

/** The Services tab and the app shell's step-up dialog, with the app's interceptors. */
@Component({
  imports: [ServicesTab, StepUpDialog],
  template: `<hw-services-tab serverId="s1" [canRestart]="true" /><hw-step-up-dialog />`,
})
class Host {}

const RESTART = '/api/v1/servers/s1/services/nginx/restart';
const STEP_UP_401 = {
  statusCode: 401,
  message: 'This action needs a fresh proof of identity',
  reason: 'step_up_required',
  methods: ['totp', 'sso:corp'],
  maxAgeSeconds: 300,
};

async function settle(fixture: { detectChanges(): void }): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await new Promise((r) => setTimeout(r, 0));
    fixture.detectChanges();
  }
}

async function setup() {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([authInterceptor, stepUpInterceptor])),
      provideHttpClientTesting(),
      provideRouter([{ path: 'sign-in', children: [] }]),
    ],
  });
  const fixture = TestBed.createComponent(Host);
  await settle(fixture);
  const http = TestBed.inject(HttpTestingController);
  http
    .expectOne('/api/v1/auth/providers')
    .flush({ providers: [{ id: 'corp', kind: 'oidc', displayName: 'Corp SSO' }], localSignIn: true });
  http
    .expectOne('/api/v1/servers/s1/services')
    .flush([{ name: 'nginx', activeState: 'active', subState: 'running' }]);
  await settle(fixture);
  const el = fixture.nativeElement as HTMLElement;
  // restart nginx, confirm: the hub answers that it wants a fresh proof of identity
  el.querySelector<HTMLButtonElement>('[aria-label="Restart nginx"]')!.click();
  await settle(fixture);
  el.querySelector<HTMLButtonElement>('[data-testid=confirm]')!.click();
  await settle(fixture);
  http.expectOne(RESTART).flush(STEP_UP_401, { status: 401, statusText: 'Unauthorized' });
  await settle(fixture);
  const typeCode = async (code: string) => {
    const input = el.querySelector<HTMLInputElement>('[data-testid=step-up-dialog] input[name=code]')!;
    input.value = code;
    input.dispatchEvent(new Event('input'));
    await settle(fixture);
    el.querySelector('[data-testid=step-up-dialog]')!.dispatchEvent(new Event('submit'));
    await settle(fixture);
  };
  return { fixture, el, http, typeCode, toasts: TestBed.inject(ToastService) };
}

describe('step-up dialog and interceptor', () => {
  it('asks for a code before restarting a service, then sends the restart again', async () => {
    const { fixture, el, http, typeCode, toasts } = await setup();
    const dialog = el.querySelector('[data-testid=step-up-dialog]')!;
    expect(dialog.textContent).toContain("Confirm it's you");
    const code = dialog.querySelector<HTMLInputElement>('input[name=code]')!;
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    const sso = dialog.querySelector<HTMLAnchorElement>('[data-testid=step-up-sso]')!;
    expect(sso.textContent).toContain('Re-authenticate with Corp SSO');
    expect(sso.getAttribute('href')).toBe('/api/v1/auth/sso/corp/start?purpose=step-up&returnTo=%2F');

    await typeCode('123 456');
    const proof = http.expectOne('/api/v1/auth/step-up');
    expect(proof.request.body).toEqual({ code: '123 456' });
    proof.flush({ steppedUpUntil: new Date(Date.now() + 300_000).toISOString(), method: 'totp' });
    await settle(fixture);
    http.expectOne(RESTART).flush({ status: 'ok' });
    await settle(fixture);
    expect(el.querySelector('[data-testid=step-up-dialog]')).toBeNull();
    expect(toasts.toasts().map((t) => t.text)).toContain('nginx restarted.');
  });

  it('keeps the dialog open with a clear message when the code is wrong', async () => {
    const { el, http, typeCode } = await setup();
    await typeCode('000000');
    http
      .expectOne('/api/v1/auth/step-up')
      .flush({ statusCode: 403, message: 'Invalid code' }, { status: 403, statusText: 'Forbidden' });
    await new Promise((r) => setTimeout(r, 0));
    await vi.waitFor(() =>
      expect(el.querySelector('[data-testid=step-up-error]')?.textContent).toContain('not valid'),
    );
    http.expectNone(RESTART);
  });

  it('cancel gives the original error back, without signing the user out', async () => {
    const { fixture, el, http, toasts } = await setup();
    [...el.querySelectorAll<HTMLButtonElement>('[data-testid=step-up-dialog] button')]
      .find((b) => b.textContent?.trim() === 'Cancel')!
      .click();
    await settle(fixture);
    http.expectNone(RESTART);
    expect(el.querySelector('[data-testid=step-up-dialog]')).toBeNull();
    expect(
      toasts
        .toasts()
        .map((t) => t.text)
        .join(),
    ).toContain('Restart of nginx failed. Not done: this action needs you to confirm it is you.');
    expect(TestBed.inject(Router).url).toBe('/');
  });

  it('retries once: a second refusal goes to the caller, not to another dialog', async () => {
    const { fixture, el, http, typeCode, toasts } = await setup();
    await typeCode('123456');
    http
      .expectOne('/api/v1/auth/step-up')
      .flush({ steppedUpUntil: new Date().toISOString(), method: 'totp' });
    await settle(fixture);
    http.expectOne(RESTART).flush(STEP_UP_401, { status: 401, statusText: 'Unauthorized' });
    await settle(fixture);
    expect(el.querySelector('[data-testid=step-up-dialog]')).toBeNull();
    expect(
      toasts
        .toasts()
        .map((t) => t.text)
        .join(),
    ).toContain('Restart of nginx failed. Not done: this action needs you to confirm it is you.');
  });
});
