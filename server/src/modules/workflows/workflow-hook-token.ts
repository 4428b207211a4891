import crypto from 'node:crypto';
import type { WorkflowDefinition } from './definition/workflow-definition.js';

/**
 * The incoming-webhook trigger's URL carries a random token that authenticates the caller (the definition never
 * holds it, so exports do not leak it). Made once, the first time a draft has the trigger, so the editor can show
 * the URL while it is set up; it answers 404 until the workflow is published with that trigger.
 */
export const newHookToken = () => crypto.randomBytes(24).toString('base64url');

export const isWebhookTriggered = (definition: WorkflowDefinition) => definition.trigger.type === 'incoming_webhook';

/** The token to keep: the existing one, a new one when the definition first needs it, else none. */
export const hookTokenFor = (current: string | null, definition: WorkflowDefinition) =>
  current ?? (isWebhookTriggered(definition) ? newHookToken() : null);

export const hookUrl = (publicUrl: string, token: string) => `${publicUrl}/hooks/workflow/${token}`;
