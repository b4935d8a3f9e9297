import { TEMPLATE_VARIABLES as HUB_VARIABLES } from '@hub/notifications/message';
import { TEMPLATE_VARIABLES } from './template-variables';

describe('template variables', () => {
  it('lists every variable the hub renders, in its order', () => {
    expect(TEMPLATE_VARIABLES.map((v) => v.name)).toEqual([...HUB_VARIABLES]);
  });
});
