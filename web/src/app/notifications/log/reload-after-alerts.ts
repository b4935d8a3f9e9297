import { inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { debounceTime } from 'rxjs';
import { LiveStreamService } from '../../core/live-stream.service';

/** Notifications follow an alert frame by a moment (the queue sends them): read again after that. */
const AFTER_ALERT_MS = 1500;

/** Calls `reload` a moment after alerts change, for the component's lifetime. Injection context. */
export function reloadAfterAlerts(reload: () => void): void {
  inject(LiveStreamService)
    .alertNotices.pipe(debounceTime(AFTER_ALERT_MS), takeUntilDestroyed())
    .subscribe(() => reload());
}
