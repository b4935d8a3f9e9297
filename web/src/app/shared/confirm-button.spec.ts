import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ConfirmButton } from './confirm-button';

@Component({
  imports: [ConfirmButton],
  template: `<hw-confirm-button
    label="Delete"
    title="Delete rule X?"
    message="It goes."
    (confirmed)="done.set(done() + 1)"
  />`,
})
class Host {
  readonly done = signal(0);
}

describe('ConfirmButton', () => {
  function setup() {
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const button = el.querySelector<HTMLButtonElement>('button')!;
    const dialogButton = (label: string) =>
      [...el.querySelectorAll<HTMLButtonElement>('[role=alertdialog] button')].find((b) =>
        b.textContent?.includes(label),
      )!;
    return { fixture, el, button, dialogButton };
  }

  it('acts only once the dialog is confirmed, and gives the focus back', () => {
    const { fixture, el, button, dialogButton } = setup();
    button.click();
    fixture.detectChanges();
    expect(el.querySelector('[role=alertdialog]')?.textContent).toContain('Delete rule X?');
    expect(fixture.componentInstance.done()).toBe(0);
    dialogButton('Delete').click();
    fixture.detectChanges();
    expect(fixture.componentInstance.done()).toBe(1);
    expect(el.querySelector('[role=alertdialog]')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('does nothing when cancelled', () => {
    const { fixture, el, button, dialogButton } = setup();
    button.click();
    fixture.detectChanges();
    dialogButton('Cancel').click();
    fixture.detectChanges();
    expect(fixture.componentInstance.done()).toBe(0);
    expect(el.querySelector('[role=alertdialog]')).toBeNull();
  });
});
