import { InteractivityChecker } from '@angular/cdk/a11y';
import { Component, Injectable, signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { ConfirmDialog } from './confirm-dialog';

/** jsdom lays nothing out, so the CDK would find no element visible (and none tabbable). */
@Injectable()
class LayoutFreeChecker extends InteractivityChecker {
  override isVisible(): boolean {
    return true;
  }
}

@Component({
  imports: [ConfirmDialog],
  template: `
    <button type="button" data-testid="opener" (click)="open.set(true)">Delete</button>
    @if (open()) {
      <hw-confirm-dialog
        title="Delete rule X?"
        message="It goes for good."
        confirmLabel="Delete"
        (confirmed)="answer('confirmed')"
        (cancelled)="answer('cancelled')"
      />
    }
  `,
})
class Host {
  readonly open = signal(false);
  readonly answers: string[] = [];
  answer(a: string): void {
    this.answers.push(a);
    this.open.set(false);
  }
}

async function render(fixture: ComponentFixture<Host>): Promise<void> {
  fixture.detectChanges();
  await fixture.whenStable();
  fixture.detectChanges();
}

describe('ConfirmDialog', () => {
  async function openDialog() {
    TestBed.configureTestingModule({
      providers: [{ provide: InteractivityChecker, useClass: LayoutFreeChecker }],
    });
    const fixture = TestBed.createComponent(Host);
    document.body.appendChild(fixture.nativeElement as HTMLElement);
    await render(fixture);
    const el = fixture.nativeElement as HTMLElement;
    const opener = el.querySelector<HTMLButtonElement>('[data-testid=opener]')!;
    opener.focus(); // a keyboard user on the opener presses Enter
    opener.click();
    await render(fixture);
    const dialog = el.querySelector<HTMLElement>('[role=alertdialog]')!;
    const button = (label: string) =>
      [...dialog.querySelectorAll('button')].find((b) => b.textContent?.trim() === label)!;
    return { fixture, el, opener, dialog, button };
  }

  afterEach(() => document.body.replaceChildren());

  it('is a labelled modal dialog that starts on Cancel', async () => {
    const { dialog, button } = await openDialog();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const title = document.getElementById(dialog.getAttribute('aria-labelledby')!);
    expect(title?.textContent).toBe('Delete rule X?');
    expect(document.getElementById(dialog.getAttribute('aria-describedby')!)?.textContent).toBe(
      'It goes for good.',
    );
    expect(document.activeElement).toBe(button('Cancel'));
  });

  it('keeps Tab and Shift+Tab inside the dialog', async () => {
    const { dialog, button } = await openDialog();
    // the trap's anchors sit just before and after the dialog: Tab past the last button lands on
    // the end anchor, Shift+Tab before the first on the start anchor
    const start = dialog.previousElementSibling as HTMLElement;
    const end = dialog.nextElementSibling as HTMLElement;
    expect(start.classList).toContain('cdk-focus-trap-anchor');
    expect(end.classList).toContain('cdk-focus-trap-anchor');
    button('Delete').focus();
    end.focus();
    expect(document.activeElement).toBe(button('Cancel'));
    start.focus();
    expect(document.activeElement).toBe(button('Delete'));
  });

  it('closes on Escape and gives the focus back to the opener', async () => {
    const { fixture, el, opener, button } = await openDialog();
    button('Delete').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await render(fixture);
    expect(fixture.componentInstance.answers).toEqual(['cancelled']);
    expect(el.querySelector('[role=alertdialog]')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('gives the focus back after a confirmation too', async () => {
    const { fixture, opener, button } = await openDialog();
    button('Delete').click();
    await render(fixture);
    expect(fixture.componentInstance.answers).toEqual(['confirmed']);
    expect(document.activeElement).toBe(opener);
  });

  it('is dismissed by a click outside it', async () => {
    const { fixture, el } = await openDialog();
    el.querySelector<HTMLElement>('[data-testid=modal-backdrop]')!.click();
    await render(fixture);
    expect(fixture.componentInstance.answers).toEqual(['cancelled']);
  });
});
