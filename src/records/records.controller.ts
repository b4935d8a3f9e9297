import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type HistoryQuery, uuidParam } from '@hivewatch/protocol';
import { EntityNotFoundError } from '../common/errors/domain-errors.js';
import { historyQuerySchema } from './dto/history-query.dto.js';
import { historyToCsv } from './history-csv.js';
import type { HistoryResult } from './history-points.js';
import { HISTORY_RESPONSE_SCHEMA } from './history-response.schema.js';
import { HistoryService } from './history.service.js';
import { LiveState } from './live-state.service.js';
import type { Sample } from './sample.js';

@ApiTags('records')
@Controller('servers/:id')
export class RecordsController {
  constructor(
    private readonly history: HistoryService,
    private readonly live: LiveState,
  ) {}

  @Get('records')
  @ApiOperation({
    summary: 'Metric history of a server: per-minute or hourly avg/max, JSON or CSV (Accept: text/csv)',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ schema: HISTORY_RESPONSE_SCHEMA })
  async records(
    @Param('id', { schema: uuidParam }) id: string,
    @Query({ schema: historyQuerySchema }) query: HistoryQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HistoryResult | string> {
    const result = await this.history.query(id, query);
    if (req.accepts(['application/json', 'text/csv']) !== 'text/csv') return result;
    res.type('text/csv');
    res.setHeader('Content-Disposition', `attachment; filename="${id}-${result.resolution}.csv"`);
    return historyToCsv(result);
  }

  @Get('live')
  @ApiOperation({ summary: 'The latest live sample of a server (404 until one arrives)' })
  latest(@Param('id', { schema: uuidParam }) id: string): Sample {
    const sample = this.live.latest(id);
    if (!sample) throw new EntityNotFoundError('live sample of server', id);
    return sample;
  }
}
