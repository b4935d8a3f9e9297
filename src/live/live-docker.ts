import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DockerFrames } from '../docker/live/docker-frames.js';
import { BrowserHub } from './browser-hub.service.js';

/** Docker frames (src/docker: throttled `docker_update`, `docker_event`, availability) to every console. */
@Injectable()
export class LiveDocker implements OnModuleInit, OnModuleDestroy {
  private off: (() => void) | undefined;

  constructor(
    private readonly frames: DockerFrames,
    private readonly browsers: BrowserHub,
  ) {}

  onModuleInit(): void {
    this.off = this.frames.onFrame((frame) => this.browsers.publishDocker(frame));
  }

  onModuleDestroy(): void {
    this.off?.();
  }
}
