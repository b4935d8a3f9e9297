import { Injectable, signal } from '@angular/core';

export interface Toast {
  id: number;
  kind: 'success' | 'error' | 'info';
  text: string;
}

/** Short notices after actions; they leave by themselves. */
@Injectable({ providedIn: 'root' })
export class ToastService {
  private nextId = 1;
  readonly toasts = signal<Toast[]>([]);

  success(text: string): void {
    this.show('success', text);
  }
  error(text: string): void {
    this.show('error', text, 8000);
  }
  info(text: string): void {
    this.show('info', text);
  }
  dismiss(id: number): void {
    this.toasts.update((list) => list.filter((t) => t.id !== id));
  }

  private show(kind: Toast['kind'], text: string, ms = 4000): void {
    const id = this.nextId++;
    this.toasts.update((list) => [...list.slice(-4), { id, kind, text }]);
    setTimeout(() => this.dismiss(id), ms);
  }
}
