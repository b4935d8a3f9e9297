import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ServersService } from './servers.service.js';

@ApiTags('servers')
@Controller('tags')
export class TagsController {
  constructor(private readonly servers: ServersService) {}

  @Get()
  @ApiOperation({ summary: 'Every server tag in use, with how many servers carry it' })
  list() {
    return this.servers.listTags();
  }
}
