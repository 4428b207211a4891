import type { TFunction } from 'i18next';
import { handoffReasons } from '../../bots/bot-review.api';
import type { Message } from '../conversation.api';

export interface ActivityContext {
  /** A teammate's name by id, or null when unknown (deleted, not loaded yet). */
  userName: (id: number) => string | null;
  teamName: (id: number) => string | null;
  language: string;
  formatDate: (iso: string) => string;
}

type Meta = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Who did it, as the timeline names them: the teammate, the bot, an integration or the system. */
export function activityActor(t: TFunction, sender: Message['sender'], ctx: ActivityContext): string {
  if (sender.type === 'user') return (sender.id !== null && ctx.userName(sender.id)) || t('conversation.activity.actors.someone');
  if (sender.type === 'bot') return t('conversation.activity.actors.bot');
  if (sender.type === 'api') return t('conversation.activity.actors.api');
  return t('conversation.activity.actors.system');
}

/** An activity entry of the timeline as a readable sentence (seed 002: every action shows in the chat). */
export function activitySentence(t: TFunction, entry: Pick<Message, 'meta' | 'sender'>, ctx: ActivityContext): string {
  const meta = entry.meta as Meta;
  const actor = activityActor(t, entry.sender, ctx);
  const user = (id: number | null) => (id === null ? null : ctx.userName(id) ?? t('conversation.activity.actors.someone'));
  const team = (id: number | null) => (id === null ? null : ctx.teamName(id) ?? t('conversation.activity.unknownTeam'));
  const list = (items: string[]) => new Intl.ListFormat(ctx.language, { type: 'conjunction' }).format(items.map((s) => `“${s}”`));
  const withReason = (sentence: string) => {
    const reason = str(meta.reason);
    return reason ? `${sentence} — ${t('conversation.activity.reason', { reason })}` : sentence;
  };

  switch (meta.action) {
    case 'taken': {
      const previous = num(meta.previousAssigneeId);
      const taker = num(meta.userId);
      if (previous !== null && previous !== taker) return t('conversation.activity.takenOver', { actor, previous: user(previous) });
      return t('conversation.activity.taken', { actor });
    }
    case 'assigned':
    case 'transferred': {
      const to = (meta.to ?? {}) as Meta;
      const from = (meta.from ?? {}) as Meta;
      const assignee = user(num(to.assigneeId));
      const toTeam = team(num(to.teamId));
      if (meta.action === 'transferred') {
        if (toTeam && assignee) return withReason(t('conversation.activity.transferredToAgent', { actor, team: toTeam, assignee }));
        if (toTeam) return withReason(t('conversation.activity.transferredToTeam', { actor, team: toTeam }));
        return withReason(t('conversation.activity.removedFromTeam', { actor, team: team(num(from.teamId)) ?? '' }));
      }
      if (assignee && meta.auto === true) return t('conversation.activity.autoAssigned', { assignee });
      if (assignee) return withReason(t('conversation.activity.assigned', { actor, assignee }));
      return withReason(t('conversation.activity.unassigned', { actor, previous: user(num(from.assigneeId)) ?? '' }));
    }
    case 'returned': {
      const toTeam = team(num(meta.teamId));
      return toTeam ? t('conversation.activity.returnedToTeam', { actor, team: toTeam }) : t('conversation.activity.returned', { actor });
    }
    case 'released': {
      const previous = user(num(meta.previousAssigneeId)) ?? t('conversation.activity.actors.someone');
      if (meta.reason === 'unanswered') return t('conversation.activity.releasedUnanswered', { previous, count: num(meta.minutes) ?? 0 });
      if (meta.reason === 'offline') return t('conversation.activity.releasedOffline', { previous });
      return t('conversation.activity.releasedDeactivated', { previous });
    }
    case 'snoozed': {
      const until = str(meta.until);
      if (meta.option === 'until_reply' || !until) return t('conversation.activity.snoozedUntilReply', { actor });
      return t('conversation.activity.snoozedUntil', { actor, until: ctx.formatDate(until) });
    }
    case 'woken':
      return t('conversation.activity.woken');
    case 'closed': {
      const category = str(meta.category);
      return category ? t('conversation.activity.closedWithCategory', { actor, category }) : t('conversation.activity.closed', { actor });
    }
    case 'reopened':
      return t('conversation.activity.reopened', { actor });
    case 'closing_message_skipped':
      return meta.reason === 'reply_window_closed' ? t('conversation.activity.closingMessageSkipped') : t('conversation.activity.closingMessageSkippedChannel');
    case 'bot_paused':
      return t('conversation.activity.botPaused', { actor });
    case 'bot_resumed':
      return t('conversation.activity.botResumed', { actor });
    case 'bot_handed_off': {
      const sentence = t(`conversation.activity.botHandedOff.${botHandoffReason(meta.reason)}`);
      const note = str(meta.note);
      return note ? `${sentence} — ${t('conversation.activity.reason', { reason: note })}` : sentence;
    }
    case 'tagged': {
      const added = strings(meta.added);
      const removed = strings(meta.removed);
      if (added.length && removed.length) return t('conversation.activity.tagsChanged', { actor, added: list(added), removed: list(removed) });
      if (added.length) return t('conversation.activity.tagsAdded', { actor, tags: list(added), count: added.length });
      return t('conversation.activity.tagsRemoved', { actor, tags: list(removed), count: removed.length });
    }
    case 'priority_changed':
      return t('conversation.activity.priorityChanged', { actor, from: priorityName(t, meta.from), to: priorityName(t, meta.to) });
    case 'status_changed':
      return t('conversation.activity.statusChanged', { actor, from: statusName(t, meta.from), to: statusName(t, meta.to) });
    default:
      return t('conversation.activity.other', { actor, action: String(meta.action ?? '').replace(/_/g, ' ') });
  }
}

/** Why the bot handed a conversation over; an unknown reason reads as the bot's own decision. */
const botHandoffReason = (value: unknown) => handoffReasons.find((r) => r === value) ?? 'bot';

export function priorityName(t: TFunction, value: unknown): string {
  switch (value) {
    case 'low':
      return t('conversation.priority.low');
    case 'medium':
      return t('conversation.priority.medium');
    case 'high':
      return t('conversation.priority.high');
    case 'urgent':
      return t('conversation.priority.urgent');
    default:
      return t('conversation.priority.none');
  }
}

export function statusName(t: TFunction, value: unknown): string {
  switch (value) {
    case 'open':
      return t('conversation.status.open');
    case 'queued':
      return t('conversation.status.queued');
    case 'bot':
      return t('conversation.status.bot');
    case 'snoozed':
      return t('conversation.status.snoozed');
    case 'closed':
      return t('conversation.status.closed');
    default:
      return String(value ?? '');
  }
}
