import { Directive, ElementRef, afterRenderEffect, inject, input } from '@angular/core';

/**
 * Keeps a scrolling box at its end while its content grows (live output), unless the reader
 * scrolled up: then it stays where they are until they scroll back to the end.
 */
@Directive({
  selector: '[hwFollowTail]',
  host: { '(scroll)': 'onScroll()' },
})
export class FollowTail {
  /** The content to follow: each change scrolls to the end while pinned. */
  readonly hwFollowTail = input<unknown>();
  private readonly el = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private pinned = true;

  constructor() {
    afterRenderEffect({
      write: () => {
        this.hwFollowTail();
        if (this.pinned) this.el.scrollTop = this.el.scrollHeight;
      },
    });
  }

  protected onScroll(): void {
    this.pinned = this.el.scrollTop + this.el.clientHeight >= this.el.scrollHeight - 24;
  }
}
