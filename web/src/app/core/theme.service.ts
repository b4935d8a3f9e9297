import { Injectable, signal } from '@angular/core';

export type ThemeChoice = 'system' | 'dark' | 'light';
const KEY = 'hw.theme';

/** Dark / light / follow the system; remembered in this browser. */
@Injectable({ providedIn: 'root' })
export class ThemeService {
  readonly choice = signal<ThemeChoice>(readChoice());
  private readonly media = window.matchMedia('(prefers-color-scheme: dark)');
  /** Whether the console is dark now (the choice, or the system's when following it). */
  readonly dark = signal(false);

  constructor() {
    this.media.addEventListener('change', () => this.apply());
    this.apply();
  }

  set(choice: ThemeChoice): void {
    this.choice.set(choice);
    localStorage.setItem(KEY, choice);
    this.apply();
  }

  private apply(): void {
    const choice = this.choice();
    const dark = choice === 'dark' || (choice === 'system' && this.media.matches);
    document.documentElement.dataset['theme'] = dark ? 'dark' : 'light';
    this.dark.set(dark);
  }
}

function readChoice(): ThemeChoice {
  const v = localStorage.getItem(KEY);
  return v === 'dark' || v === 'light' ? v : 'system';
}
