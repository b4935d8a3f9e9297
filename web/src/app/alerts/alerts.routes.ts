import type { Routes } from '@angular/router';
import { adminGuard } from '../core/auth.guard';
import { SectionShell, type SectionLink } from '../shared/section-shell';

const LINKS: readonly SectionLink[] = [
  { label: 'Active and history', path: '.' },
  { label: 'Rules', path: 'rules' },
];

export const ALERTS_ROUTES: Routes = [
  {
    path: '',
    component: SectionShell,
    data: { heading: 'Alerts', links: LINKS },
    children: [
      {
        path: '',
        loadComponent: () => import('./alerts-page').then((m) => m.AlertsPage),
        title: 'Alerts · Hivewatch',
      },
      {
        path: 'rules',
        loadComponent: () => import('./rules/rule-list').then((m) => m.RuleList),
        title: 'Alert rules · Hivewatch',
      },
      {
        path: 'rules/new',
        canActivate: [adminGuard],
        loadComponent: () => import('./rules/rule-editor').then((m) => m.RuleEditor),
        title: 'New alert rule · Hivewatch',
      },
      {
        path: 'rules/:id',
        canActivate: [adminGuard],
        loadComponent: () => import('./rules/rule-editor').then((m) => m.RuleEditor),
        title: 'Alert rule · Hivewatch',
      },
    ],
  },
];
