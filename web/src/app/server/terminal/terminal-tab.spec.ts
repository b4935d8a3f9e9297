import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TerminalTab } from './terminal-tab';

async function settle(fixture: { detectChanges(): void }): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await new Promise((r) => setTimeout(r, 0));
    fixture.detectChanges();
  }
}

function mount(capabilities: string[]) {
  TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
  const fixture = TestBed.createComponent(TerminalTab);
  fixture.componentRef.setInput('serverId', 'srv-1');
  fixture.componentRef.setInput('capabilities', capabilities);
  fixture.detectChanges();
  return { fixture, el: fixture.nativeElement as HTMLElement, http: TestBed.inject(HttpTestingController) };
}

describe('TerminalTab', () => {
  it('shows how to turn the terminal on when the agent does not advertise it', () => {
    const { el } = mount(['services-restart']);
    const off = el.querySelector('[data-testid=terminal-not-enabled]');
    expect(off?.textContent).toContain(
      'Terminal is not enabled on this host — set capabilities in the agent config.',
    );
    expect(off?.querySelector('pre')?.textContent).toBe('"capabilities": ["terminal"]');
    expect(el.querySelector('[data-testid=terminal-open]')).toBeNull();
  });

  it('shows the same when the hub answers the ticket request 409', async () => {
    const { fixture, el, http } = mount(['terminal']);
    const open = el.querySelector<HTMLButtonElement>('[data-testid=terminal-open]')!;
    expect(open.textContent?.trim()).toBe('Open terminal');
    open.click();
    await settle(fixture);
    const req = http.expectOne('/api/v1/servers/srv-1/terminal/tickets');
    expect(req.request.method).toBe('POST');
    req.flush(
      { statusCode: 409, message: 'terminal is not enabled on this host' },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    expect(el.querySelector('[data-testid=terminal-not-enabled]')).not.toBeNull();
  });

  it('offers to try again when the ticket is refused for another reason', async () => {
    const { fixture, el, http } = mount(['terminal']);
    el.querySelector<HTMLButtonElement>('[data-testid=terminal-open]')!.click();
    await settle(fixture);
    http
      .expectOne('/api/v1/servers/srv-1/terminal/tickets')
      .flush(
        { statusCode: 429, message: 'too many unused tickets' },
        { status: 429, statusText: 'Too Many' },
      );
    await settle(fixture);
    expect(el.querySelector('[data-testid=terminal-message]')?.textContent).toBe('too many unused tickets');
    expect(el.querySelector('[data-testid=terminal-open]')?.textContent?.trim()).toBe('Try again');
  });
});
