import { InteractivityChecker } from '@angular/cdk/a11y';
import { Injectable } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { ActiveAlert } from '../core/hub-types';
import { AlertHandlingDialog, type HandlingChoice } from './alert-handling-dialog';

/** jsdom lays nothing out, so the CDK would find no element visible (and none tabbable). */
@Injectable()
class LayoutFreeChecker extends InteractivityChecker {
  override isVisible(): boolean {
    return true;
  }
}

const alert: ActiveAlert = {
  id: 'a1',
  ruleId: 'r1',
  ruleName: 'High CPU',
  serverId: 's1',
  serverName: 'web-1',
  severity: 'critical',
  state: 'firing',
  startedAt: 1_000,
  firedAt: 1_000,
  lastNotifiedAt: 1_000,
  notificationCount: 1,
  value: 95,
  message: 'CPU 95 % > 80 %',
  acknowledgedAt: null,
  acknowledgedBy: null,
  ackComment: null,
  snoozedUntil: null,
};

async function open(mode: 'acknowledge' | 'snooze') {
  TestBed.configureTestingModule({
    providers: [{ provide: InteractivityChecker, useClass: LayoutFreeChecker }],
  });
  const fixture: ComponentFixture<AlertHandlingDialog> = TestBed.createComponent(AlertHandlingDialog);
  fixture.componentRef.setInput('mode', mode);
  fixture.componentRef.setInput('alert', alert);
  const chosen: HandlingChoice[] = [];
  fixture.componentInstance.chosen.subscribe((c) => chosen.push(c));
  fixture.detectChanges();
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const set = async (selector: string, value: string) => {
    const input = el.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const pick = async (selector: string, index: number) => {
    const select = el.querySelector<HTMLSelectElement>(selector)!;
    select.selectedIndex = index;
    select.dispatchEvent(new Event('change'));
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const submit = async () => {
    el.querySelector<HTMLButtonElement>('[data-testid=confirm-handling]')!.click();
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  return { el, chosen, set, pick, submit };
}

describe('AlertHandlingDialog', () => {
  it('acknowledges with the trimmed comment, capped at 500 characters', async () => {
    const { el, chosen, set, submit } = await open('acknowledge');
    expect(el.querySelector('textarea')!.maxLength).toBe(500);
    await set('textarea[name=comment]', '  disk cleanup running  ');
    await submit();
    expect(chosen).toEqual([{ kind: 'acknowledge', comment: 'disk cleanup running' }]);
  });

  it('snoozes for a picked length, and refuses an "until" past 30 days', async () => {
    const { el, chosen, set, pick, submit } = await open('snooze');
    const options = [...el.querySelectorAll('select[name=length] option')].map((o) => o.textContent?.trim());
    expect(options).toEqual(['1 hour', '4 hours', '1 day', '1 week', 'until a time…']);
    await submit();
    expect(chosen).toEqual([{ kind: 'snooze', body: { minutes: 60 } }]);

    await pick('select[name=length]', 4);
    const far = new Date(Date.now() + 31 * 86_400_000);
    const local = new Date(far.getTime() - far.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await set('input[name=until]', local);
    await submit();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('30 days at most');
    expect(chosen).toHaveLength(1);
  });
});
