import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { DEFAULT_AUTH_SETTINGS } from '@hivewatch/protocol';
import { AuthService } from '../../core/auth.service';
import { AdminSettings } from './admin-settings';

async function settle(fixture: { detectChanges(): void }): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await new Promise((r) => setTimeout(r, 0));
    fixture.detectChanges();
  }
}

async function open() {
  TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
  const http = TestBed.inject(HttpTestingController);
  const me = TestBed.inject(AuthService).ensureLoaded();
  http.expectOne('/api/v1/auth/me').flush({
    user: { id: 'a', username: 'admin', role: 'admin' },
    via: 'session',
    scope: 'admin',
    secondFactor: true,
    mustEnrollSecondFactor: false,
    steppedUpUntil: null,
  });
  await me;
  const fixture = TestBed.createComponent(AdminSettings);
  await settle(fixture);
  http.expectOne('/api/v1/settings/auth').flush(DEFAULT_AUTH_SETTINGS);
  await settle(fixture);
  const el = fixture.nativeElement as HTMLElement;
  const toggle = async (name: string) => {
    el.querySelector<HTMLInputElement>(`input[name=${name}]`)!.click();
    await settle(fixture);
  };
  const submit = async () => {
    el.querySelector('form')!.dispatchEvent(new Event('submit'));
    await settle(fixture);
  };
  return { fixture, http, el, toggle, submit };
}

describe('AdminSettings', () => {
  it('shows the sign-in policy and saves a change', async () => {
    const { http, el, toggle, submit } = await open();
    expect(el.querySelector<HTMLInputElement>('input[name=allowRegistration]')!.checked).toBe(false);
    expect(el.querySelector<HTMLInputElement>('input[name=localSignIn]')!.checked).toBe(true);
    expect(el.querySelector<HTMLInputElement>('input[name=stepUpMaxAgeSeconds]')!.value).toBe('300');
    await toggle('allowRegistration');
    await toggle('requireSecondFactorForAdmins');
    await submit();
    const put = http.expectOne('/api/v1/settings/auth');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      ...DEFAULT_AUTH_SETTINGS,
      allowRegistration: true,
      requireSecondFactorForAdmins: true,
    });
  });

  it('turning password sign-in off needs the break-glass administrator', async () => {
    const { fixture, http, el, toggle, submit } = await open();
    await toggle('localSignIn');
    await submit();
    http.expectNone('/api/v1/settings/auth');
    expect(el.querySelector('[role=alert]')?.textContent).toContain('break-glass');
    const name = el.querySelector<HTMLInputElement>('input[name=breakGlassUsername]')!;
    name.value = 'rescue';
    name.dispatchEvent(new Event('input'));
    await settle(fixture);
    await submit();
    expect(http.expectOne('/api/v1/settings/auth').request.body).toMatchObject({
      localSignIn: false,
      breakGlassUsername: 'rescue',
    });
  });
});
