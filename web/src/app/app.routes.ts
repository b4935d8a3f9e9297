import type { Routes } from '@angular/router';
import { adminGuard, signedInGuard } from './core/auth.guard';
import { Overview } from './overview/overview';
import { SignIn } from './sign-in/sign-in';

export const routes: Routes = [
  { path: 'sign-in', component: SignIn, title: 'Sign in · Hivewatch' },
  {
    path: '',
    canActivateChild: [signedInGuard],
    children: [
      { path: '', component: Overview, title: 'Overview · Hivewatch' },
      {
        path: 'servers/:id',
        loadComponent: () => import('./server/server-page').then((m) => m.ServerPage),
        title: 'Server · Hivewatch',
      },
      {
        path: 'containers',
        loadComponent: () => import('./docker/containers-page').then((m) => m.ContainersPage),
        title: 'Containers · Hivewatch',
      },
      {
        path: 'account',
        loadComponent: () => import('./account/account-page').then((m) => m.AccountPage),
        title: 'Account · Hivewatch',
      },
      {
        path: 'account/security',
        loadComponent: () => import('./account/security-page').then((m) => m.SecurityPage),
        title: 'Security · Hivewatch',
      },
      {
        path: 'alerts',
        loadChildren: () => import('./alerts/alerts.routes').then((m) => m.ALERTS_ROUTES),
      },
      {
        path: 'notifications',
        loadChildren: () =>
          import('./notifications/notifications.routes').then((m) => m.NOTIFICATIONS_ROUTES),
      },
      {
        path: 'commands',
        canActivate: [adminGuard],
        loadChildren: () => import('./commands/commands.routes').then((m) => m.COMMANDS_ROUTES),
      },
      {
        path: 'tasks',
        canActivate: [adminGuard],
        loadChildren: () => import('./tasks/tasks.routes').then((m) => m.TASKS_ROUTES),
      },
      {
        path: 'admin',
        canActivate: [adminGuard],
        loadChildren: () => import('./admin/admin.routes').then((m) => m.ADMIN_ROUTES),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
