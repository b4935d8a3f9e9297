import { ChangeDetectionStrategy, Component, type OnInit, computed, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { STATUS_PAGE_LIMITS, type ServerState } from '@hivewatch/protocol';
import { FieldError } from '../../shared/field-error';
import type { FieldErrors } from '../../shared/form/draft-form';
import { ServerPicker } from '../../shared/targets-field/server-picker';
import { MoveButtons } from './move-buttons';
import { type GroupDraft, move, syncComponents } from './page-draft';

/**
 * One group of a status page: its name, its place among the groups, and its servers, each under
 * the name the public sees (required, empty at first) with the choice to publish its address.
 * Edits the draft it is given in place.
 */
@Component({
  selector: 'hw-status-group-fields',
  imports: [FormsModule, FieldError, ServerPicker, MoveButtons],
  templateUrl: './group-fields.html',
  styleUrl: './group-fields.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GroupFields implements OnInit {
  readonly group = input.required<GroupDraft>();
  readonly index = input.required<number>();
  readonly count = input.required<number>();
  readonly errors = input<FieldErrors>({});
  readonly servers = input.required<readonly ServerState[]>();
  readonly moved = output<-1 | 1>();
  readonly removed = output<void>();
  /** After a change made by a button rather than a field (the form revalidates). */
  readonly changed = output<void>();

  protected readonly limits = STATUS_PAGE_LIMITS;
  /** The picker starts open for a group without servers, and stays as the admin leaves it. */
  protected pickerOpen = false;
  /** The group in the labels of its buttons. */
  protected readonly what = computed(() => `group ${this.index() + 1}`);
  private readonly byId = computed(() => new Map(this.servers().map((s) => [s.id, s])));

  ngOnInit(): void {
    this.pickerOpen = this.group().components.length === 0;
  }

  protected key(field: string): string {
    return `groups.${this.index()}.${field}`;
  }

  protected componentKey(j: number): string {
    return this.key(`components.${j}.publicName`);
  }

  /** A unique control name per field (the page's form holds several groups). */
  protected name(field: string): string {
    return `g${this.group().key}-${field}`;
  }

  protected serverIds(): string[] {
    return this.group().components.map((c) => c.serverId);
  }

  protected online(serverId: string): boolean | null {
    return this.byId().get(serverId)?.online ?? null;
  }

  protected pick(ids: string[]): void {
    syncComponents(this.group(), ids, (id) => this.byId().get(id)?.name ?? null);
    this.changed.emit();
  }

  protected moveComponent(j: number, by: -1 | 1): void {
    move(this.group().components, j, by);
    this.changed.emit();
  }

  protected removeComponent(j: number): void {
    this.group().components.splice(j, 1);
    this.changed.emit();
  }
}
