import { z } from 'zod';
import { channelTypeNames } from './channel-settings.js';
import { businessHoursSchema } from '../routing/business-hours.schemas.js';

const configObject = z.record(z.string(), z.unknown());
/** Secret values are strings; what each type needs is checked by its settings (channel-settings.ts). */
const secretsObject = z.record(z.string(), z.string().max(4096));
const name = z.string().trim().min(1).max(100);

export const channelIdParams = z.object({ id: z.coerce.number().int().positive() });

export const listChannelsQuery = z.object({
  cursor: z.string().regex(/^\d+$/, 'Expected the nextCursor of a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const createChannelBody = z.object({
  type: z.enum(channelTypeNames),
  name,
  config: configObject,
  /** Omitted: generated. */
  secrets: secretsObject.optional(),
  defaultTeamId: z.number().int().positive().nullish(),
  botEnabled: z.boolean().default(false),
  /** Null or omitted: the workspace's first bot. */
  botId: z.number().int().positive().nullable().optional(),
  active: z.boolean().default(true),
  /** Null or omitted: always open. */
  businessHours: businessHoursSchema.nullable().optional(),
});

export const updateChannelBody = z.object({
  name: name.optional(),
  /** Merged into the current config (a key set to null is removed), then validated for the channel's type. */
  config: configObject.optional(),
  /** Replaces every secret of the channel. */
  secrets: secretsObject.optional(),
  defaultTeamId: z.number().int().positive().nullable().optional(),
  botEnabled: z.boolean().optional(),
  /** Null: the workspace's first bot. */
  botId: z.number().int().positive().nullable().optional(),
  active: z.boolean().optional(),
  /** Replaces the channel's hours; null: always open. */
  businessHours: businessHoursSchema.nullable().optional(),
});

const channelCapabilities = z.object({
  media: z.object({ types: z.array(z.string()), maxBytes: z.number() }),
  replyWindow: z.object({
    durationMs: z.number().nullable().describe("Free-form replies are accepted this long after the customer's last message (null: always)"),
    tag: z.string().optional().describe('The provider\'s tag past the window for human agents (HUMAN_AGENT)'),
    tagDurationMs: z.number().optional(),
  }),
  templates: z.boolean(),
  interactive: z.boolean(),
  maxSendsPerSecond: z.number().optional(),
});

export const channelDto = z.object({
  id: z.number(),
  type: z.string(),
  name: z.string(),
  config: configObject,
  defaultTeamId: z.number().nullable(),
  botEnabled: z.boolean(),
  /** The bot that answers when botEnabled; null: the workspace's first bot. */
  botId: z.number().nullable(),
  active: z.boolean(),
  /** Opening hours (null: always open); outside them the customer gets the away message. */
  businessHours: businessHoursSchema.nullable(),
  /** Where the provider (or the integration) posts inbound traffic. */
  webhookUrl: z.string(),
  /** Secrets exist and are sealed; their values are never returned after creation or rotation. */
  hasSecret: z.boolean(),
  /** What the channel's provider accepts, so clients can adapt (file types and sizes, reply window, templates, buttons). */
  capabilities: channelCapabilities.nullable(),
  createdAt: z.string(),
});

/** Only creation and rotation answer with the secret, once. */
export const channelConnectionDto = z.discriminatedUnion('status', [
  z.object({ status: z.enum(['connected', 'not_needed']) }),
  z.object({ status: z.literal('failed'), error: z.string() }),
]).describe("Whether the provider took our webhook URL (Telegram's setWebhook); `not_needed` where it is configured by hand");
export const channelWithSecretDto = channelDto.extend({ secret: z.string(), connection: channelConnectionDto });

export const channelListDto = z.object({ items: z.array(channelDto), nextCursor: z.string().nullable() });

export type ChannelDto = z.infer<typeof channelDto>;
export type CreateChannelInput = z.infer<typeof createChannelBody>;
export type UpdateChannelInput = z.infer<typeof updateChannelBody>;
