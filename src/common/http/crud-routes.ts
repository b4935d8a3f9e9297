import {
  applyDecorators,
  Body,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  type Type,
} from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { uuidParam } from '@hivewatch/protocol';
import type { z } from 'zod';
import { Access, type AccessLevel } from '../auth/access.decorator.js';
import type { ActorContext } from '../auth/actor-context.js';
import { Actor } from '../auth/actor.decorator.js';

/** What an admin-managed resource's service offers; it validates, writes and audits each change. */
export interface CrudService<Create, Update, View> {
  list(): Promise<View[]>;
  create(input: Create, actor: ActorContext): Promise<View>;
  update(id: string, input: Update, actor: ActorContext): Promise<View>;
  remove(id: string, actor: ActorContext): Promise<void>;
}

export interface CrudRoutesOptions<Create, Update, View> {
  service: Type<CrudService<Create, Update, View>>;
  createSchema: z.ZodType<Create>;
  updateSchema: z.ZodType<Update>;
  /** Who may list (see {@link Access}); by default any signed-in principal, like every GET. */
  listAccess?: AccessLevel;
  /** The OpenAPI summaries of the four routes. */
  summaries: { list: string; create: string; update: string; remove: string };
  /** Extra decorators of the create and update routes (e.g. `@StepUp` when secrets change). */
  decorators?: { create?: MethodDecorator[]; update?: MethodDecorator[] };
}

export interface CrudRoutes<Create, Update, View> {
  readonly service: CrudService<Create, Update, View>;
  list(): Promise<View[]>;
  create(body: Create, actor: ActorContext): Promise<View>;
  update(id: string, body: Update, actor: ActorContext): Promise<View>;
  remove(id: string, actor: ActorContext): Promise<void>;
}

/**
 * The four routes of a resource managed by admins: `GET /` (list), `POST /` (create, body checked
 * by `createSchema`), `PATCH /:id` (update, body checked by `updateSchema`) and `DELETE /:id`
 * (204). The id must be a UUID. Extend the returned class and put `@Controller(path)` and
 * `@ApiTags` on the subclass; it may add routes of its own.
 */
export function CrudRoutes<Create, Update, View>(
  options: CrudRoutesOptions<Create, Update, View>,
): Type<CrudRoutes<Create, Update, View>> {
  const { createSchema, updateSchema, summaries } = options;
  const listAccess: MethodDecorator = options.listAccess ? Access(options.listAccess) : () => undefined;
  const createExtras = applyDecorators(...(options.decorators?.create ?? []));
  const updateExtras = applyDecorators(...(options.decorators?.update ?? []));

  class Routes implements CrudRoutes<Create, Update, View> {
    constructor(@Inject(options.service) readonly service: CrudService<Create, Update, View>) {}

    @Get()
    @listAccess
    @ApiOperation({ summary: summaries.list })
    list(): Promise<View[]> {
      return this.service.list();
    }

    @Post()
    @createExtras
    @ApiOperation({ summary: summaries.create })
    create(@Body({ schema: createSchema }) body: Create, @Actor() actor: ActorContext): Promise<View> {
      return this.service.create(body, actor);
    }

    @Patch(':id')
    @updateExtras
    @ApiOperation({ summary: summaries.update })
    update(
      @Param('id', { schema: uuidParam }) id: string,
      @Body({ schema: updateSchema }) body: Update,
      @Actor() actor: ActorContext,
    ): Promise<View> {
      return this.service.update(id, body, actor);
    }

    @Delete(':id')
    @HttpCode(204)
    @ApiOperation({ summary: summaries.remove })
    async remove(
      @Param('id', { schema: uuidParam }) id: string,
      @Actor() actor: ActorContext,
    ): Promise<void> {
      await this.service.remove(id, actor);
    }
  }
  return Routes;
}
