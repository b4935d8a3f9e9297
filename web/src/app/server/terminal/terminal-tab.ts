import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  ViewEncapsulation,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import type { FitAddon } from '@xterm/addon-fit';
import type { Terminal } from '@xterm/xterm';
import { firstValueFrom } from 'rxjs';
import { errorMessage } from '../../shared/errors';
import { createXterm } from '../../shared/xterm';
import { type ConnectionState, TerminalConnection } from './terminal-connection';
import { TerminalApi, terminalSocketUrl } from './terminal.api';

type Phase = { kind: 'idle' } | { kind: 'starting' } | { kind: 'failed'; message: string } | ConnectionState;

/**
 * Server page → Terminal (admins): a shell on the host through the hub's terminal relay. Opening
 * asks for a ticket (step-up first), then speaks the browser frames of docs/terminal.md.
 */
@Component({
  selector: 'hw-terminal-tab',
  templateUrl: './terminal-tab.html',
  styleUrls: ['../../shared/xterm.css', './terminal-tab.css'],
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TerminalTab {
  private readonly api = inject(TerminalApi);
  readonly serverId = input.required<string>();
  readonly capabilities = input.required<readonly string[]>();
  readonly online = input(true);

  protected readonly phase = signal<Phase>({ kind: 'idle' });
  private readonly refused = signal(false);
  protected readonly notEnabled = computed(() => this.refused() || !this.capabilities().includes('terminal'));
  /** The screen stays once created: after an exit or a lost connection the output is still readable. */
  protected readonly shown = signal(false);
  protected readonly message = computed(() => {
    const p = this.phase();
    return 'message' in p ? p.message : '';
  });
  protected readonly openLabel = computed(() => {
    const kind = this.phase().kind;
    return kind === 'idle' ? 'Open terminal' : kind === 'failed' ? 'Try again' : 'Reconnect';
  });
  protected readonly snippet = '"capabilities": ["terminal"]';

  private readonly host = viewChild<ElementRef<HTMLElement>>('host');
  private term: Terminal | null = null;
  private fit: FitAddon | null = null;
  private connection: TerminalConnection | null = null;
  private observer: ResizeObserver | null = null;
  private destroyed = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.connection?.close();
      this.observer?.disconnect();
      this.term?.dispose();
    });
  }

  protected async open(): Promise<void> {
    this.connection?.close();
    this.phase.set({ kind: 'starting' });
    let ticket: string;
    try {
      // the ticket first: a host without the capability never loads xterm.js
      ticket = (await firstValueFrom(this.api.ticket(this.serverId()))).ticket;
      await this.ensureTerminal();
    } catch (e) {
      if (e instanceof HttpErrorResponse && e.status === 409) this.refused.set(true);
      this.phase.set({ kind: 'failed', message: errorMessage(e) });
      return;
    }
    if (this.destroyed) return;
    const term = this.term!;
    this.phase.set({ kind: 'connecting' });
    this.fitNow();
    term.reset();
    const socket = new WebSocket(terminalSocketUrl());
    this.connection = new TerminalConnection(
      socket,
      ticket,
      { cols: term.cols, rows: term.rows },
      (bytes, rendered) => term.write(bytes, rendered),
      (state) => this.changed(state),
    );
  }

  protected close(): void {
    this.connection?.close();
  }

  private changed(state: ConnectionState): void {
    this.phase.set(state);
    if (!this.term) return;
    this.term.options.disableStdin = state.kind !== 'open';
    if (state.kind === 'open') this.term.focus();
  }

  /** Created once, on the first open; a reconnect reuses it. */
  private async ensureTerminal(): Promise<void> {
    if (this.term) return;
    const { term, fit } = await createXterm({});
    if (this.destroyed) return term.dispose();
    this.term = term;
    this.fit = fit;
    this.shown.set(true);
    await new Promise((r) => requestAnimationFrame(r)); // laid out before xterm measures it
    term.open(this.host()!.nativeElement);
    term.onData((text) => this.connection?.input(text));
    term.onBinary((text) => this.connection?.binary(text));
    term.onResize(({ cols, rows }) => this.connection?.resize(cols, rows));
    term.attachCustomKeyEventHandler((ev) => this.clipboardKey(ev));
    this.observer = new ResizeObserver(() => this.fitNow());
    this.observer.observe(this.host()!.nativeElement);
  }

  private fitNow(): void {
    try {
      this.fit?.fit();
    } catch {
      // hidden or not laid out yet: the next resize fits
    }
  }

  /** Ctrl/Cmd+Shift+C copies the selection; Ctrl/Cmd+Shift+V leaves the browser's paste to xterm. */
  private clipboardKey(ev: KeyboardEvent): boolean {
    if (ev.type !== 'keydown' || !(ev.ctrlKey || ev.metaKey) || !ev.shiftKey) return true;
    const key = ev.key.toLowerCase();
    if (key === 'c') {
      const text = this.term?.getSelection() ?? '';
      if (text) void navigator.clipboard?.writeText(text).catch(() => undefined);
      ev.preventDefault();
      return false;
    }
    return key !== 'v';
  }
}
