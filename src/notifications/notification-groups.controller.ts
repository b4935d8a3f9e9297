import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { createNotificationGroupSchema, updateNotificationGroupSchema } from '@hivewatch/protocol';
import { CrudRoutes } from '../common/http/crud-routes.js';
import { NotificationGroupsService } from './notification-groups.service.js';

@ApiTags('notifications')
@Controller('notification-groups')
export class NotificationGroupsController extends CrudRoutes({
  service: NotificationGroupsService,
  createSchema: createNotificationGroupSchema,
  updateSchema: updateNotificationGroupSchema,
  summaries: {
    list: 'Notification groups',
    create: 'Create a notification group (admin)',
    update: 'Change a notification group (admin)',
    remove: 'Delete a notification group (admin)',
  },
}) {}
