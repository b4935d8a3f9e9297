import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { STATUS_PAGE_LIMITS, type StatusPageDetail } from '@hivewatch/protocol';
import { tap } from 'rxjs';
import { LiveStreamService } from '../../core/live-stream.service';
import { ToastService } from '../../core/toast.service';
import { ConfirmButton } from '../../shared/confirm-button';
import { errorMessage } from '../../shared/errors';
import { FieldError } from '../../shared/field-error';
import { DraftForm, editRecord } from '../../shared/form/draft-form';
import { EditorFrame } from '../../shared/form/editor-frame';
import { injectRunAction } from '../../shared/list/run-action';
import { GroupFields } from './group-fields';
import {
  type PageDraft,
  move,
  newGroup,
  newPageDraft,
  pageBody,
  pageDraft,
  slugFrom,
  validatePage,
} from './page-draft';
import { PageTabs } from './page-tabs';
import { Revalidate } from './revalidate';
import { pageResource } from './page-resource';
import { StatusPagesApi } from './status-pages.api';

/** Creates (`/admin/status-pages/new`) or edits (`/admin/status-pages/:id`) a public status page. */
@Component({
  selector: 'hw-status-page-editor',
  imports: [
    FormsModule,
    RouterLink,
    EditorFrame,
    ConfirmButton,
    FieldError,
    GroupFields,
    PageTabs,
    Revalidate,
  ],
  templateUrl: './page-editor.html',
  styleUrl: './page-editor.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PageEditor {
  private readonly api = inject(StatusPagesApi);
  private readonly toasts = inject(ToastService);
  private readonly run = injectRunAction();
  private readonly router = inject(Router);
  private readonly live = inject(LiveStreamService);
  /** Route parameter; absent for a new page. */
  readonly id = input<string>();

  protected readonly limits = STATUS_PAGE_LIMITS;
  protected readonly existing = pageResource(this.id);
  protected readonly form = new DraftForm<PageDraft>(newPageDraft(), validatePage);
  protected readonly servers = computed(() => [...this.live.servers().values()]);
  /** Whether the admin typed a slug (then the title no longer suggests one). */
  private slugTouched = false;

  constructor() {
    editRecord(this.form, this.id, this.existing, (page) => {
      this.slugTouched = true;
      return pageDraft(page);
    });
  }

  protected get draft(): PageDraft {
    return this.form.draft;
  }

  protected loadError(): string | null {
    return this.existing.error() ? errorMessage(this.existing.error()) : null;
  }

  protected titleChanged(): void {
    if (!this.slugTouched) this.draft.slug = slugFrom(this.draft.title);
  }

  protected slugChanged(): void {
    this.slugTouched = true;
  }

  protected addGroup(): void {
    this.draft.groups.push(newGroup());
    this.form.revalidate();
  }

  protected moveGroup(index: number, by: -1 | 1): void {
    move(this.draft.groups, index, by);
    this.form.revalidate();
  }

  protected removeGroup(index: number): void {
    this.draft.groups.splice(index, 1);
    this.form.revalidate();
  }

  protected async save(): Promise<void> {
    const id = this.id();
    let saved: StatusPageDetail | undefined;
    const ok = await this.form.submit((d) =>
      (id ? this.api.replace(id, pageBody(d)) : this.api.create(pageBody(d))).pipe(
        tap((page) => (saved = page)),
      ),
    );
    if (!ok || !saved) return;
    this.toasts.success(`Status page ${saved.title} saved${saved.published ? ' and published' : ''}.`);
    if (id) {
      // new components now have ids: a second save must keep them (and the incidents naming them)
      this.form.edit(pageDraft(saved));
      this.existing.set(saved);
    } else {
      await this.router.navigate(['/admin/status-pages', saved.id]);
    }
  }

  protected async remove(): Promise<void> {
    const id = this.id();
    if (!id) return;
    const done = `Status page ${this.draft.title} deleted; its public address shows nothing now.`;
    if ((await this.run(this.api.remove(id), done)) !== undefined)
      await this.router.navigate(['/admin/status-pages']);
  }
}
