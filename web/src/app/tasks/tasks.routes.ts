import type { Routes } from '@angular/router';

/** `/tasks` (admins; the parent route guards): list, new, a task's page, its editor. */
export const TASKS_ROUTES: Routes = [
  {
    path: '',
    loadComponent: () => import('./task-list').then((m) => m.TaskList),
    title: 'Scheduled tasks · Hivewatch',
  },
  {
    path: 'new',
    loadComponent: () => import('./task-editor').then((m) => m.TaskEditor),
    title: 'New task · Hivewatch',
  },
  {
    path: ':id',
    loadComponent: () => import('./task-page').then((m) => m.TaskPage),
    title: 'Task · Hivewatch',
  },
  {
    path: ':id/edit',
    loadComponent: () => import('./task-editor').then((m) => m.TaskEditor),
    title: 'Edit task · Hivewatch',
  },
];
