import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { createGroupSchema, updateGroupSchema } from '@hivewatch/protocol';
import { CrudRoutes } from '../common/http/crud-routes.js';
import { GroupsService } from './groups.service.js';

@ApiTags('groups')
@Controller('groups')
export class GroupsController extends CrudRoutes({
  service: GroupsService,
  createSchema: createGroupSchema,
  updateSchema: updateGroupSchema,
  summaries: {
    list: 'Server groups with their server counts',
    create: 'Create a group; 409 when the name is taken (admin)',
    update: 'Rename or reorder a group; 409 when the name is taken (admin)',
    remove: 'Delete a group; its servers stay, ungrouped (admin)',
  },
}) {}
