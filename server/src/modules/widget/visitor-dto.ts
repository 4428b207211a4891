import type { AppContext } from '../../platform/context.js';
import { signedAttachmentUrl } from '../messages/attachment-links.js';
import type { VisitorMessage } from './widget.schemas.js';
import { agentProfiles } from './widget.repo.js';

export interface AgentInfo {
  name: string;
  avatarUrl: string | null;
}

/** The fields of a message (a row or an event's message DTO) that decide what a visitor sees. */
export interface MessageLike {
  id: number;
  conversationId: number;
  kind: string;
  direction: string | null;
  senderType: string;
  senderId: number | null;
  body: string;
  deleted: boolean;
  createdAt: Date | string;
  attachments: Array<{ id: number; filename: string; contentType: string; size: number }>;
  /** The provider id: for a visitor's message, `<visitor id>:<the widget's id of it>`. */
  externalId: string | null;
}

type Ctx = Pick<AppContext, 'secrets' | 'config' | 'clock'>;

/** Signed so the widget can show it in an <img> without a session; the signature names the user. */
export const avatarSignature = (ctx: Pick<AppContext, 'secrets'>, userId: number) => ctx.secrets.sign(`widget-avatar:${userId}`);

/** Names and pictures of the agents who wrote, by user id. */
export async function agentInfos(ctx: Pick<AppContext, 'db' | 'secrets'>, userIds: number[]): Promise<Map<number, AgentInfo>> {
  const rows = await agentProfiles(ctx.db, [...new Set(userIds)]);
  return new Map(rows.map((u) => [u.id, {
    name: u.name,
    avatarUrl: u.avatarKey ? `/api/v1/widget/avatars/${u.id}?sig=${avatarSignature(ctx, u.id)}` : u.avatarUrl,
  }]));
}

/**
 * The only way a message reaches a visitor, over HTTP and over the socket alike: customer-facing messages only
 * (null for notes, activity entries and deleted messages), with text, files behind signed links and the
 * author's display name; never meta, delivery details, ids of agents or anything else agents keep.
 */
export function toVisitorMessage(ctx: Ctx, m: MessageLike, agents: Map<number, AgentInfo>, channelName: string): VisitorMessage | null {
  if (m.kind !== 'message' || m.deleted) return null;
  const fromVisitor = m.direction === 'inbound';
  const agent = fromVisitor ? null : (m.senderType === 'user' && m.senderId !== null ? agents.get(m.senderId) : undefined) ?? { name: channelName, avatarUrl: null };
  return {
    id: m.id,
    conversationId: m.conversationId,
    from: fromVisitor ? 'visitor' : 'agent',
    body: m.body,
    attachments: m.attachments.map((a) => ({ id: a.id, filename: a.filename, contentType: a.contentType, size: a.size, url: signedAttachmentUrl(ctx, a.id) })),
    agent,
    createdAt: typeof m.createdAt === 'string' ? m.createdAt : m.createdAt.toISOString(),
    // The widget's own id of a message the visitor sent, so it can replace its "sending" bubble by the stored one.
    clientId: fromVisitor && m.externalId ? m.externalId.slice(m.externalId.lastIndexOf(':') + 1) : null,
  };
}

/** A message DTO as events carry it (messages.dto.ts), in the shape above. */
export function messageLikeFromEvent(m: Record<string, any>): MessageLike {
  return {
    id: m.id,
    conversationId: m.conversationId,
    kind: m.kind,
    direction: m.direction ?? null,
    senderType: m.sender?.type ?? 'system',
    senderId: m.sender?.id ?? null,
    body: typeof m.body === 'string' ? m.body : '',
    deleted: m.deletedAt != null,
    createdAt: m.createdAt,
    attachments: Array.isArray(m.attachments) ? m.attachments : [],
    externalId: typeof m.externalId === 'string' ? m.externalId : null,
  };
}
