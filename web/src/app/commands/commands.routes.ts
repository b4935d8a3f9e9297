import type { Routes } from '@angular/router';

/** `/commands` (list and new run) and `/commands/:id` (one run, live); admins only (app.routes). */
export const COMMANDS_ROUTES: Routes = [
  {
    path: '',
    loadComponent: () => import('./commands-page').then((m) => m.CommandsPage),
    title: 'Commands · Hivewatch',
  },
  {
    path: ':id',
    loadComponent: () => import('./run-page').then((m) => m.RunPage),
    title: 'Command run · Hivewatch',
  },
];
