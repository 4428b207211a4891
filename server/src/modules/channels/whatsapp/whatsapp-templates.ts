import type { ChannelRecord, ProviderTemplate, SendOptions } from '../channel.js';
import { graphCall, whatsappAccount } from './whatsapp-graph.js';

const PAGE_SIZE = 100;
/** A business account has at most a few hundred templates; this bounds a misbehaving cursor. */
const MAX_PAGES = 50;

/**
 * Every message template of the channel's business account: `GET /{waba-id}/message_templates`, page after page
 * by the `after` cursor (the `next` URL is not followed as given: it names Meta's host, not the configured one).
 */
export async function listWhatsAppTemplates(channel: ChannelRecord, opts: SendOptions): Promise<ProviderTemplate[]> {
  const { businessAccountId } = whatsappAccount(channel);
  const templates: ProviderTemplate[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await graphCall(channel, opts, `${encodeURIComponent(businessAccountId)}/message_templates`, {
      query: { fields: 'id,name,language,status,category,components,parameter_format', limit: String(PAGE_SIZE), ...(after ? { after } : {}) },
    });
    for (const t of Array.isArray(res.data) ? res.data : []) {
      if (typeof t?.name !== 'string' || typeof t?.language !== 'string') continue;
      templates.push({
        ...(t.id ? { externalId: String(t.id) } : {}),
        name: t.name,
        language: t.language,
        ...(t.category ? { category: String(t.category) } : {}),
        status: String(t.status ?? 'UNKNOWN'),
        components: Array.isArray(t.components) ? t.components : [],
      });
    }
    after = res.paging?.next ? res.paging?.cursors?.after : undefined;
    if (!after) break;
  }
  return templates;
}
