import type { ChannelTemplateRow } from './channel-templates.repo.js';
import { templateBody, templateVariableCount, unsupportedTemplateReason } from './template-message.js';

export function channelTemplateDto(t: ChannelTemplateRow) {
  const unsupported = unsupportedTemplateReason(t.components);
  return {
    id: t.id,
    name: t.name,
    language: t.language,
    category: t.category,
    status: t.status,
    /** The body with its {{1}} … {{n}} placeholders. */
    body: templateBody(t.components),
    variables: templateVariableCount(t.components),
    /** Approved, and sendable with body variables alone. */
    sendable: t.status === 'APPROVED' && !unsupported,
    unsupportedReason: unsupported,
    components: t.components,
    syncedAt: t.syncedAt.toISOString(),
  };
}
export type ChannelTemplateDto = ReturnType<typeof channelTemplateDto>;
