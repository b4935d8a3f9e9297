import { ChangeDetectionStrategy, Component, ViewEncapsulation, input } from '@angular/core';
import type { ContainerView } from '@hivewatch/protocol';
import * as cf from './container-format';

/**
 * The cells a container shows the same way in the fleet table and the server's Docker tab:
 * `<td [hwContainerState]="c">` (state pill, plus an "unhealthy" pill on a phone, where the
 * health column is hidden) and `<td [hwContainerHealth]="c">`.
 */
@Component({
  selector: 'td[hwContainerState]',
  template: `
    @let c = container();
    <span [class]="'ct-pill ' + cf.stateTone(c.state, c.exitCode)" data-testid="container-state">{{
      c.removedAt ? 'removed' : cf.stateText(c.state, c.exitCode)
    }}</span>
    @if (c.health === 'unhealthy') {
      <span class="ct-pill bad ct-narrow">unhealthy</span>
    }
  `,
  styleUrl: './container-pill.css',
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainerStateCell {
  readonly container = input.required<ContainerView>({ alias: 'hwContainerState' });
  protected readonly cf = cf;
}

@Component({
  selector: 'td[hwContainerHealth]',
  template: `
    @let c = container();
    <span [class]="'ct-health ' + cf.healthTone(c.health)">{{ cf.healthText(c.health) }}</span>
  `,
  styleUrl: './container-pill.css',
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainerHealthCell {
  readonly container = input.required<ContainerView>({ alias: 'hwContainerHealth' });
  protected readonly cf = cf;
}
