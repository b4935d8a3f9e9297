import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { SignIn, safeNext } from './sign-in';

@Component({ template: 'server page' })
class Target {}

async function setup(next?: string) {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([{ path: 'servers/:id', component: Target }]),
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
    http.expectOne('/api/v1/auth/login').flush({ user: { id: 'u', username: 'ops', role: 'user' } });
    await fixture.whenStable();
    http
      .expectOne('/api/v1/auth/me')
      .flush({ user: { id: 'u', username: 'ops', role: 'user' }, via: 'session', scope: 'read' });
    await fixture.whenStable();
    await vi.waitFor(() => expect(TestBed.inject(Router).url).toBe('/servers/42'));
  });

  it('never redirects outside the console', () => {
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/admin/users')).toBe('/admin/users');
  });
});
