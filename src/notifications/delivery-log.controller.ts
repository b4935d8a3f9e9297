import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  attemptQuerySchema,
  deliveryQuerySchema,
  type AttemptQuery,
  type DeliveryQuery,
} from '@hivewatch/protocol';
import { DeliveryLogService } from './delivery-log.service.js';

@ApiTags('notifications')
@Controller()
export class DeliveryLogController {
  constructor(private readonly log: DeliveryLogService) {}

  @Get('notification-deliveries')
  @ApiOperation({ summary: 'Queued, delivered and failed notifications, newest first' })
  deliveries(@Query({ schema: deliveryQuerySchema }) query: DeliveryQuery) {
    return this.log.listDeliveries(query);
  }

  @Get('notification-attempts')
  @ApiOperation({ summary: 'The delivery log: every attempt with outcome, response code and error' })
  attempts(@Query({ schema: attemptQuerySchema }) query: AttemptQuery) {
    return this.log.listAttempts(query);
  }
}
