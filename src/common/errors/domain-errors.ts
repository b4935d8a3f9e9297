import { ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';

/** Small named errors services throw; the global filter keeps their status and message. */
export class EntityNotFoundError extends NotFoundException {
  constructor(what: string, id: string) {
    super(`${what} ${id} not found`);
  }
}

export class ConflictError extends ConflictException {}

export class ForbiddenActionError extends ForbiddenException {}
