import type { Routes } from '@angular/router';
import { SectionShell, type SectionLink } from '../shared/section-shell';

const LINKS: readonly SectionLink[] = [
  { label: 'Servers', path: 'servers' },
  { label: 'Groups', path: 'groups' },
  { label: 'Enrollment keys', path: 'enrollment-keys' },
  { label: 'Users', path: 'users' },
  { label: 'API keys', path: 'api-keys' },
  { label: 'Sessions', path: 'sessions' },
  { label: 'Status pages', path: 'status-pages' },
  { label: 'Audit log', path: 'audit' },
  { label: 'Settings', path: 'settings' },
];

export const ADMIN_ROUTES: Routes = [
  {
    path: '',
    component: SectionShell,
    data: { heading: 'Administration', links: LINKS },
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
        path: 'sessions',
        loadComponent: () => import('./sessions/admin-sessions').then((m) => m.AdminSessions),
        title: 'Sessions · Administration',
      },
      {
        path: 'status-pages',
        loadChildren: () => import('./status-pages/status-pages.routes').then((m) => m.STATUS_PAGES_ROUTES),
      },
      {
        path: 'audit',
        loadComponent: () => import('./audit/admin-audit').then((m) => m.AdminAudit),
        title: 'Audit log · Administration',
      },
      {
        path: 'settings',
        loadComponent: () => import('./settings/admin-settings').then((m) => m.AdminSettings),
        title: 'Settings · Administration',
      },
    ],
  },
];
