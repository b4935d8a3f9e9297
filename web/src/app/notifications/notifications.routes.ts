import { inject } from '@angular/core';
import type { Routes } from '@angular/router';
import { adminGuard } from '../core/auth.guard';
import { AuthService } from '../core/auth.service';
import { SectionShell, type SectionLink } from '../shared/section-shell';

const LINKS: readonly SectionLink[] = [
  // the hub shows channels to administrators only, reads included
  { label: 'Channels', path: 'channels', adminOnly: true },
  { label: 'Groups', path: 'groups' },
  { label: 'Delivery queue', path: 'queue' },
  { label: 'Delivery log', path: 'log' },
];

export const NOTIFICATIONS_ROUTES: Routes = [
  {
    path: '',
    component: SectionShell,
    data: { heading: 'Notifications', links: LINKS },
    children: [
      {
        path: '',
        pathMatch: 'full',
        // channels are for administrators only (the hub refuses users even reading them)
        redirectTo: () => (inject(AuthService).canAdminister() ? 'channels' : 'groups'),
      },
      {
        path: 'channels',
        canActivate: [adminGuard],
        loadComponent: () => import('./channels/channel-list').then((m) => m.ChannelList),
        title: 'Channels · Notifications',
      },
      {
        path: 'channels/new',
        canActivate: [adminGuard],
        loadComponent: () => import('./channels/channel-editor').then((m) => m.ChannelEditor),
        title: 'New channel · Notifications',
      },
      {
        path: 'channels/:id',
        canActivate: [adminGuard],
        loadComponent: () => import('./channels/channel-editor').then((m) => m.ChannelEditor),
        title: 'Channel · Notifications',
      },
      {
        path: 'groups',
        loadComponent: () => import('./groups/notification-groups').then((m) => m.NotificationGroups),
        title: 'Groups · Notifications',
      },
      {
        path: 'queue',
        loadComponent: () => import('./log/delivery-queue').then((m) => m.DeliveryQueue),
        title: 'Delivery queue · Notifications',
      },
      {
        path: 'log',
        loadComponent: () => import('./log/delivery-log').then((m) => m.DeliveryLog),
        title: 'Delivery log · Notifications',
      },
    ],
  },
];
