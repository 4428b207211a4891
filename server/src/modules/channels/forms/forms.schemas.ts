import { z } from 'zod';

export const formParams = z.object({ channelId: z.coerce.number().int().positive() });

/** The submission's fields are the form's own (checked by form-submission.ts); these are the reserved ones. */
export const formBody = z
  .record(z.string(), z.unknown())
  .describe('The form\'s fields by key (name, email, phone, subject, message, contact field keys), `submissionId` (optional, makes a re-post a duplicate) and the empty anti-spam field `homepage`. JSON or application/x-www-form-urlencoded. Answers `{ ok, message, conversationId, messageId, duplicate }`, or for a plain HTML form a page (or a 303 to the form\'s redirect URL).');
