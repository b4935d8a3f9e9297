import type { Routes } from '@angular/router';

/** Administration → Status pages (under /admin: admins only, by the section's guard). */
export const STATUS_PAGES_ROUTES: Routes = [
  {
    path: '',
    loadComponent: () => import('./status-page-list').then((m) => m.StatusPageList),
    title: 'Status pages · Administration',
  },
  {
    path: 'new',
    loadComponent: () => import('./page-editor').then((m) => m.PageEditor),
    title: 'New status page · Administration',
  },
  {
    path: ':id',
    loadComponent: () => import('./page-editor').then((m) => m.PageEditor),
    title: 'Status page · Administration',
  },
  {
    path: ':id/incidents',
    loadComponent: () => import('./incidents-page').then((m) => m.IncidentsPage),
    title: 'Incidents · Status page',
  },
  {
    path: ':id/maintenance',
    loadComponent: () => import('./maintenance-page').then((m) => m.MaintenancePage),
    title: 'Maintenance · Status page',
  },
];
