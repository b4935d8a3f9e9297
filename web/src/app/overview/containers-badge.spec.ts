import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { serverState } from '../testing/server-state';
import { containersBadge } from './containers-badge';
import { ServerCard } from './server-card';

describe('containers badge', () => {
  it('reads running/total and names the unhealthy ones; nothing without Docker', () => {
    expect(containersBadge({ running: 3, total: 5, unhealthy: 1 })).toEqual({
      text: '3/5',
      title: 'Containers: 3 running of 5, 1 unhealthy',
      unhealthy: 1,
    });
    expect(containersBadge({ running: 0, total: 0, unhealthy: 0 })?.title).toBe('Containers: 0 running of 0');
    expect(containersBadge(null)).toBeNull();
  });

  it('shows on a server card only when the server reports containers', async () => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(ServerCard);
    fixture.componentRef.setInput(
      'server',
      serverState({ id: 'a', name: 'alpha', containers: { running: 2, total: 3, unhealthy: 1 } }),
    );
    fixture.componentRef.setInput('now', Date.now());
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=containers-badge]')?.textContent).toContain('2/3');
    expect(el.querySelector('[data-testid=unhealthy-count]')?.textContent).toContain('1');

    fixture.componentRef.setInput('server', serverState({ id: 'a', name: 'alpha' }));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=containers-badge]')).toBeNull();
  });
});
