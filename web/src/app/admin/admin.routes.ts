import type { Routes } from '@angular/router';
import { AdminShell } from './admin-shell';

export const ADMIN_ROUTES: Routes = [
  {
    path: '',
    component: AdminShell,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'servers' },
      {
        path: 'servers',
        loadComponent: () => import('./servers/admin-servers').then((m) => m.AdminServers),
        title: 'Servers · Administration',
      },
      {
        path: 'groups',
        loadComponent: () => import('./groups/admin-groups').then((m) => m.AdminGroups),
        title: 'Groups · Administration',
      },
      {
        path: 'enrollment-keys',
        loadComponent: () =>
          import('./enrollment-keys/admin-enrollment-keys').then((m) => m.AdminEnrollmentKeys),
        title: 'Enrollment keys · Administration',
      },
      {
        path: 'users',
        loadComponent: () => import('./users/admin-users').then((m) => m.AdminUsers),
        title: 'Users · Administration',
      },
      {
        path: 'api-keys',
        loadComponent: () => import('./api-keys/admin-api-keys').then((m) => m.AdminApiKeys),
        title: 'API keys · Administration',
      },
      {
        path: 'audit',
        loadComponent: () => import('./audit/admin-audit').then((m) => m.AdminAudit),
        title: 'Audit log · Administration',
      },
    ],
  },
];
