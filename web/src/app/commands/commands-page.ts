import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { CommandForm } from './command-form';
import { RunHistory } from './run-history';

/** `/commands` (admins): a new run, then the runs so far. `?from=<run id>` fills the form (Re-run). */
@Component({
  selector: 'hw-commands-page',
  imports: [CommandForm, RunHistory],
  template: `
    <section class="page">
      <h1>Commands</h1>
      <hw-command-form [from]="from()" />
      <section class="history" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <hw-run-history />
      </section>
    </section>
  `,
  styles: `
    .history {
      margin-top: 20px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CommandsPage {
  /** Query parameter: the run whose command, targets and options the form starts from. */
  readonly from = input<string>();
}
