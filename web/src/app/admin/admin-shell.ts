import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

@Component({
  selector: 'hw-admin-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  template: `
    <section class="page admin">
      <h1>Administration</h1>
      <nav class="subnav" aria-label="Administration">
        <a routerLink="servers" routerLinkActive="active">Servers</a>
        <a routerLink="groups" routerLinkActive="active">Groups</a>
        <a routerLink="enrollment-keys" routerLinkActive="active">Enrollment keys</a>
        <a routerLink="users" routerLinkActive="active">Users</a>
        <a routerLink="api-keys" routerLinkActive="active">API keys</a>
        <a routerLink="audit" routerLinkActive="active">Audit log</a>
      </nav>
      <router-outlet />
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminShell {}
