import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { AgentPresence } from './agent-presence.js';

/** The offline checker (architecture.md: every 10 s); it only delegates. */
@Injectable()
export class AgentsJobs {
  constructor(private readonly presence: AgentPresence) {}

  @Interval(10_000)
  checkOffline(): void {
    this.presence.checkSilent();
  }
}
