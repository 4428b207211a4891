import { z } from 'zod';

export const transcriptBody = z.strictObject({
  to: z.string().trim().toLowerCase().pipe(z.email('Expected an email address')).optional().describe('Where to send it; the contact\'s e-mail when omitted'),
}).nullish();
export const transcriptAccepted = z.object({ to: z.string() });
