import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthService } from '../core/auth.service';

export interface SectionLink {
  label: string;
  /** Relative to the section ('.' for its first page). */
  path: string;
  /** Only for whom the hub lets change things (the hub refuses others these pages anyway). */
  adminOnly?: boolean;
}

/**
 * A console section: heading, sub-navigation and the outlet of its pages. Heading and links come
 * from the route's data (`heading`, `links`), bound as inputs.
 */
@Component({
  selector: 'hw-section-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  template: `
    <section class="page">
      <h1>{{ heading() }}</h1>
      <nav class="subnav" [attr.aria-label]="heading()">
        @for (l of shown(); track l.path) {
          <a
            [routerLink]="l.path"
            routerLinkActive="active"
            [routerLinkActiveOptions]="{ exact: l.path === '.' }"
            >{{ l.label }}</a
          >
        }
      </nav>
      <router-outlet />
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SectionShell {
  private readonly auth = inject(AuthService);
  readonly heading = input.required<string>();
  readonly links = input.required<readonly SectionLink[]>();
  protected readonly shown = computed(() =>
    this.links().filter((l) => !l.adminOnly || this.auth.canAdminister()),
  );
}
