import { updateLifecycle } from '../../../contacts/update-lifecycle.js';
import type { StepExecutor } from '../engine-types.js';
import { actingAs, attempt, contactOf, NO_CONTACT, render } from './step-support.js';
import { writeContactField } from './contact-field-write.js';

/** Sets a built-in or custom field of the contact to a value that may hold variables; null clears it. */
export const updateContactFieldStep: StepExecutor<'update_contact_field'> = {
  async run(sc, step) {
    const contactId = contactOf(sc);
    if (contactId === null) return { kind: 'fail', error: NO_CONTACT };
    const value = step.value === null ? null : render(sc, step.value);
    return attempt(async () => {
      await writeContactField(actingAs(sc), contactId, step.field, value);
      return { kind: 'next', detail: { field: step.field, value } };
    });
  },
};

/** Moves the contact to a lifecycle stage (null removes it); the `lifecycle_updated` trigger hears of it. */
export const updateLifecycleStep: StepExecutor<'update_lifecycle'> = {
  async run(sc, step) {
    const contactId = contactOf(sc);
    if (contactId === null) return { kind: 'fail', error: NO_CONTACT };
    const stage = step.stage === null ? null : render(sc, step.stage).trim() || null;
    return attempt(async () => {
      await updateLifecycle(actingAs(sc), { contactId, stage });
      return { kind: 'next', detail: { stage } };
    });
  },
};
