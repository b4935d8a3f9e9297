import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { DockerInspect } from '@hivewatch/protocol';
import * as cf from '../../docker/container-format';
import { DockerApi } from '../../docker/docker.api';
import { agentErrorMessage } from '../../shared/errors';
import { byteSize } from '../../shared/units';

/** Rows of the inspect facts, in reading order. */
export function inspectRows(i: DockerInspect): [string, string][] {
  return [
    ['Image', i.image],
    ['Image id', i.imageId],
    ['Command', i.command.join(' ') || '—'],
    ['Working directory', i.workingDir ?? '—'],
    ['User', i.user || 'root (image default)'],
    ['Restart policy', i.restartPolicy],
    ['Privileged', i.privileged ? 'yes' : 'no'],
    ['Read-only root', i.readOnlyRootfs ? 'yes' : 'no'],
    ['Memory limit', i.memoryLimitBytes ? byteSize(i.memoryLimitBytes) : 'none'],
    ['CPU limit', i.nanoCpus ? `${i.nanoCpus / 1e9} CPUs` : 'none'],
    ['Started', cf.when(i.startedAt)],
    ['Finished', cf.when(i.finishedAt)],
    ['OOM killed', i.oomKilled ? 'yes' : 'no'],
    [
      'Networks',
      i.networks.map((n) => (n.ipAddress ? `${n.name} (${n.ipAddress})` : n.name)).join(', ') || '—',
    ],
  ];
}

/** Admins: what the engine says about the container (an allow-list; environment variables never leave the host). */
@Component({
  selector: 'hw-container-inspect',
  template: `
    @if (inspect.isLoading() && !inspect.hasValue()) {
      <p class="state" role="status">Asking the agent…</p>
    } @else if (inspect.error()) {
      <p class="state error" role="alert">{{ error() }}</p>
    } @else if (inspect.value(); as i) {
      <dl class="facts dk-facts" data-testid="inspect">
        @for (r of rows(); track r[0]) {
          <dt>{{ r[0] }}</dt>
          <dd>{{ r[1] }}</dd>
        }
      </dl>
      <h3 class="dk-sub">Mounts</h3>
      @for (m of i.mounts; track m.destination) {
        <p class="small dk-mount">
          <code>{{ m.source }}</code> → <code>{{ m.destination }}</code> ({{ m.type
          }}{{ m.readOnly ? ', read-only' : '' }})
        </p>
      } @empty {
        <p class="muted small">None.</p>
      }
      <h3 class="dk-sub">Labels</h3>
      @for (l of labels(); track l[0]) {
        <p class="small dk-mount">
          <code>{{ l[0] }}</code> = {{ l[1] }}
        </p>
      } @empty {
        <p class="muted small">None.</p>
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainerInspect {
  private readonly api = inject(DockerApi);
  readonly serverId = input.required<string>();
  readonly containerId = input.required<string>();

  protected readonly inspect = rxResource({
    params: () => ({ id: this.serverId(), cid: this.containerId() }),
    stream: ({ params }) => this.api.inspect(params.id, params.cid),
  });
  protected readonly rows = computed(() =>
    this.inspect.hasValue() ? inspectRows(this.inspect.value()) : [],
  );
  protected readonly labels = computed(() =>
    this.inspect.hasValue() ? Object.entries(this.inspect.value().labels).slice(0, 256) : [],
  );

  protected error(): string {
    return agentErrorMessage(this.inspect.error());
  }
}
