import type { AppContext } from '../../../platform/context.js';
import { loadChannelWithSecrets, type LoadedChannel } from '../load-channel.js';
import { reopenRulesOf, type ReopenRules } from '../../conversations/conversations.repo.js';
import { contactFieldsByKeys } from '../../contacts/contact-fields.repo.js';
import type { FieldDefinition } from '../../contacts/contact-field-values.js';
import { formConfigOf, isOwnField, type FormConfig } from './form-settings.js';

export interface FormChannel extends LoadedChannel {
  form: FormConfig;
  /** The workspace's contact fields behind the form's custom fields: their types check the answers. */
  definitions: FieldDefinition[];
  reopenRules: ReopenRules;
}

/** Settings are re-read this often: a changed field list, origin or limit applies within it. */
const CACHE_MS = 2000;
/** Unknown ids are remembered too (as null); a scan of random ids must not grow the cache without bound. */
const MAX_ENTRIES = 10_000;

/** Active form channels by id, cached briefly: every submission, preflight and embed needs one. */
export class FormChannels {
  private cache = new Map<number, { channel: FormChannel | null; until: number }>();

  constructor(private ctx: AppContext) {}

  async get(id: number): Promise<FormChannel | null> {
    const hit = this.cache.get(id);
    if (hit && hit.until > Date.now()) return hit.channel;
    if (this.cache.size > MAX_ENTRIES) this.cache.clear();
    const channel = await this.load(id);
    this.cache.set(id, { channel, until: Date.now() + CACHE_MS });
    return channel;
  }

  private async load(id: number): Promise<FormChannel | null> {
    const loaded = await loadChannelWithSecrets(this.ctx, id);
    if (!loaded || loaded.type !== 'form' || !loaded.active) return null;
    const form = formConfigOf(loaded.config);
    const customKeys = form.fields.map((f) => f.key).filter((k) => !isOwnField(k));
    const [definitions, reopenRules] = await Promise.all([contactFieldsByKeys(this.ctx.db, loaded.workspaceId, customKeys), reopenRulesOf(this.ctx.db, loaded.workspaceId)]);
    return { ...loaded, form, definitions, reopenRules };
  }
}
