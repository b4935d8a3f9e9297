import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { DOCKER_HEALTH, DOCKER_STATES, type DockerHealth, type DockerState } from '@hivewatch/protocol';

/** The search field's wording and the fields' `data-testid`s (each page's tests know its own). */
export interface ContainerFilterLabels {
  placeholder: string;
  searchLabel: string;
  ids: { search: string; state: string; health?: string };
}

/** What the bar shows; a `health` of null leaves the health field out. */
export interface ContainerFilterValue {
  text: string;
  state: DockerState | '';
  health: DockerHealth | '' | null;
  removed: boolean;
  /** How many removed containers there are, shown next to "Show removed" when above 0. */
  removedCount: number;
}

export type ContainerFilterChange = Partial<Omit<ContainerFilterValue, 'removedCount' | 'health'>> & {
  health?: DockerHealth | '';
};

interface Choice {
  key: 'state' | 'health';
  label: string;
  all: string;
  testId: string | undefined;
  value: string;
  options: readonly { value: string; text: string }[];
}

const STATE_OPTIONS = DOCKER_STATES.map((s) => ({ value: s, text: s }));
const HEALTH_OPTIONS = DOCKER_HEALTH.map((h) => ({ value: h, text: h === 'none' ? 'no health check' : h }));

/**
 * The filter fields over a container table, as a `<div class="toolbar" role="search">`: a text
 * search, a state, a health (unless left out) and "Show removed".
 */
@Component({
  selector: 'div[hwContainerFilters]',
  templateUrl: './container-filters.html',
  host: { class: 'toolbar', role: 'search' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainerFilters {
  readonly labels = input.required<ContainerFilterLabels>();
  readonly value = input.required<ContainerFilterValue>();
  readonly changed = output<ContainerFilterChange>();

  protected readonly choices = computed<Choice[]>(() => {
    const v = this.value();
    const ids = this.labels().ids;
    const state: Choice = {
      key: 'state',
      label: 'State',
      all: 'All states',
      testId: ids.state,
      value: v.state,
      options: STATE_OPTIONS,
    };
    if (v.health === null) return [state];
    const health: Choice = {
      key: 'health',
      label: 'Health',
      all: 'Any health',
      testId: ids.health,
      value: v.health,
      options: HEALTH_OPTIONS,
    };
    return [state, health];
  });

  protected text(e: Event): string {
    return (e.target as HTMLInputElement | HTMLSelectElement).value;
  }

  protected checked(e: Event): boolean {
    return (e.target as HTMLInputElement).checked;
  }

  protected pick(key: Choice['key'], value: string): void {
    this.changed.emit(
      key === 'state' ? { state: oneOf(DOCKER_STATES, value) } : { health: oneOf(DOCKER_HEALTH, value) },
    );
  }
}

function oneOf<T extends string>(allowed: readonly T[], value: string): T | '' {
  return (allowed as readonly string[]).includes(value) ? (value as T) : '';
}
