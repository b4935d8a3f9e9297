import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ServerState } from '@hivewatch/protocol';
import * as fmt from '../shared/format';
import { containersBadge } from './containers-badge';
import { figuresAreStale, offlineText, shortTime } from './presence-text';

/**
 * One server on the overview: presence, the latest figures (greyed and dated when the agent is gone
 * or paused) and tags. Every figure has its own cell, so long values wrap into the grid instead of
 * being clipped.
 */
@Component({
  selector: 'hw-server-card',
  imports: [RouterLink],
  templateUrl: './server-card.html',
  styleUrl: './server-card.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServerCard {
  readonly server = input.required<ServerState>();
  readonly groupName = input<string | undefined>();
  /** The overview's clock (ms), ticking so that "for 8m 12s" moves. */
  readonly now = input.required<number>();
  protected readonly fmt = fmt;
  protected readonly offline = computed(() => offlineText(this.server(), this.now()));
  protected readonly containers = computed(() => containersBadge(this.server().containers));
  protected readonly stale = computed(() => figuresAreStale(this.server()));
  protected readonly asOf = computed(() => {
    const at = this.server().metrics?.at;
    return at ? shortTime(at, this.now()) : null;
  });
}
