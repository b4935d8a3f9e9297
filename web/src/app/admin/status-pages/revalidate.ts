import { Directive, input } from '@angular/core';

/** On a form over a DraftForm: every edit (typed or picked) revalidates the draft. */
@Directive({
  selector: 'form[hwRevalidate]',
  host: { '(input)': 'hwRevalidate().revalidate()', '(change)': 'hwRevalidate().revalidate()' },
})
export class Revalidate {
  readonly hwRevalidate = input.required<{ revalidate(): void }>();
}
