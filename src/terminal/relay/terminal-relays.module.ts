import { Module } from '@nestjs/common';
import { TerminalRelays } from './terminal-relays.js';

/**
 * The registry of live terminal relays on its own, so that Administration → Sessions can end a
 * session (`TerminalRelays.end`) without depending on the gateway.
 */
@Module({ providers: [TerminalRelays], exports: [TerminalRelays] })
export class TerminalRelaysModule {}
