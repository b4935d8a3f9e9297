import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  ViewEncapsulation,
  afterNextRender,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import type { Terminal } from '@xterm/xterm';
import { createXterm } from '../../shared/xterm';
import type { Cast } from './asciicast';

export const PLAYER_SPEEDS = [1, 2, 4] as const;

/** Replays an asciicast recording into a read-only xterm with its timing: play/pause, 1×/2×/4×. */
@Component({
  selector: 'hw-cast-player',
  template: `
    <div class="player-bar">
      <button type="button" class="primary" (click)="toggle()" data-testid="player-toggle">
        {{ playing() ? 'Pause' : position() >= cast().duration && position() > 0 ? 'Replay' : 'Play' }}
      </button>
      <div class="segmented" role="group" aria-label="Speed">
        @for (s of speeds; track s) {
          <button type="button" [attr.aria-pressed]="speed() === s" (click)="setSpeed(s)">{{ s }}×</button>
        }
      </div>
      <span class="muted small" data-testid="player-time"
        >{{ clock(position()) }} / {{ clock(cast().duration) }}</span
      >
      <button type="button" class="player-close" (click)="closed.emit()">Close</button>
    </div>
    <div class="xterm-host" #host></div>
  `,
  styleUrls: ['../../shared/xterm.css', './cast-player.css'],
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CastPlayer {
  readonly cast = input.required<Cast>();
  readonly closed = output<void>();
  protected readonly speeds = PLAYER_SPEEDS;
  protected readonly speed = signal<number>(1);
  protected readonly playing = signal(false);
  protected readonly position = signal(0);

  private readonly host = viewChild.required<ElementRef<HTMLElement>>('host');
  private term: Terminal | null = null;
  private next = 0; // index of the next event to write
  private anchor = { wall: 0, pos: 0 };
  private timer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.stopTimer();
      this.term?.dispose();
    });
    // inputs are set and the host rendered only after construction
    afterNextRender(() => void this.start());
  }

  private async start(): Promise<void> {
    const cast = this.cast();
    const { term } = await createXterm({
      cols: cast.cols,
      rows: cast.rows,
      disableStdin: true,
      cursorBlink: false,
    });
    if (this.destroyed) return term.dispose();
    this.term = term;
    term.open(this.host().nativeElement);
    this.play();
  }

  protected toggle(): void {
    if (this.playing()) this.pause();
    else this.play();
  }

  protected setSpeed(s: number): void {
    this.anchor = { wall: performance.now(), pos: this.now() };
    this.speed.set(s);
    if (this.playing()) this.schedule();
  }

  private play(): void {
    if (!this.term) return;
    if (this.next >= this.cast().events.length) {
      this.term.reset();
      this.next = 0;
      this.position.set(0);
    }
    this.anchor = { wall: performance.now(), pos: this.position() };
    this.playing.set(true);
    this.step();
  }

  private pause(): void {
    this.position.set(this.now());
    this.playing.set(false);
    this.stopTimer();
  }

  private now(): number {
    if (!this.playing()) return this.position();
    return this.anchor.pos + ((performance.now() - this.anchor.wall) / 1000) * this.speed();
  }

  /** Writes every event due by now, then sleeps until the next one. */
  private step(): void {
    this.timer = null;
    const { events, duration } = this.cast();
    const now = Math.min(this.now(), duration);
    while (this.next < events.length && events[this.next].time <= now) {
      const e = events[this.next++];
      if (e.kind === 'o') this.term!.write(e.data);
      else this.term!.resize(e.cols, e.rows);
    }
    this.position.set(now);
    if (this.next >= events.length) {
      this.position.set(duration);
      this.playing.set(false);
      return;
    }
    this.schedule();
  }

  private schedule(): void {
    this.stopTimer();
    const due = this.cast().events[this.next]?.time ?? this.cast().duration;
    // wake at least every 250 ms so the clock moves during long pauses
    const wait = Math.min(250, Math.max(0, ((due - this.now()) / this.speed()) * 1000));
    this.timer = setTimeout(() => this.step(), wait);
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  protected clock(seconds: number): string {
    const s = Math.floor(seconds);
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  }
}
