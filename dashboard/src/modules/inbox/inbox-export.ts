import type { TFunction } from 'i18next';
import type { Conversation } from './conversations.api';
import { ALL_STATUSES, type InboxFilters, statusList } from './inbox-filters';
import type { Column } from './tsv';
import { formatWaiting, waiting, waitingSince } from './waiting-time';

export interface Names {
  channel(id: number): string | undefined;
  team(id: number): string | undefined;
  user(id: number): string | undefined;
}

export const contactLabel = (c: Conversation, t: TFunction) => c.contact.name || c.contact.phone || c.contact.email || t('inbox.list.unknownContact');

export function waitingLabel(c: Conversation, now: number, t: TFunction): string {
  const since = waitingSince(c);
  const w = since ? waiting(since, now) : null;
  return w ? formatWaiting(w, { now: t('inbox.waiting.now'), min: t('inbox.waiting.min'), h: t('inbox.waiting.h'), d: t('inbox.waiting.d') }) : '';
}

/**
 * The columns of Copy and Print (seed 001): everything on the card, spelled out, dates in full. `print`
 * marks the ones that fit on a landscape page.
 */
export function exportColumns(t: TFunction, language: string, now: number): Array<Column<Conversation> & { key: string; print: boolean }> {
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });
  const when = (iso: string | null) => (iso ? date.format(new Date(iso)) : '');
  const column = (key: string, print: boolean, value: Column<Conversation>['value']) => ({ key, print, header: t(`inbox.columns.${key}`), value });
  return [
    column('id', true, (c) => c.id),
    column('contact', true, (c) => contactLabel(c, t)),
    column('phone', true, (c) => c.contact.phone),
    column('email', false, (c) => c.contact.email),
    column('document', false, (c) => c.contact.documentNumber),
    column('channel', true, (c) => c.channel.name),
    column('channelType', false, (c) => t(`channels.types.${c.channel.type}`, { defaultValue: c.channel.type })),
    column('team', true, (c) => c.team?.name ?? ''),
    column('assignee', true, (c) => c.assignee?.name ?? t('inbox.list.unassigned')),
    column('status', true, (c) => t(`inbox.statuses.${c.status}`)),
    column('priority', true, (c) => (c.priority === 'none' ? '' : t(`inbox.priorities.${c.priority}`))),
    column('tags', true, (c) => c.tags.join(', ')),
    column('lastMessage', true, (c) => c.lastMessagePreview),
    column('unread', false, (c) => c.unreadCount),
    column('waiting', true, (c) => waitingLabel(c, now, t)),
    column('lastActivity', true, (c) => when(c.lastActivityAt)),
    column('createdAt', true, (c) => when(c.createdAt)),
  ];
}

/** The filters in words, for the saved-view dialog and the printed page's header. */
export function describeFilters(f: InboxFilters, t: TFunction, names: Names): string[] {
  const parts: string[] = [];
  const status = f.status === ALL_STATUSES ? t('inbox.filters.allStatuses') : statusList(f.status).map((s) => t(`inbox.statuses.${s}`)).join(', ');
  parts.push(`${t('inbox.filters.status')}: ${status}`);
  const who = (v: string) => (v === 'me' ? t('inbox.filters.me') : v === 'none' ? t('inbox.filters.nobody') : (names.user(Number(v)) ?? `#${v}`));
  if (f.assigneeId) parts.push(`${t('inbox.filters.assignee')}: ${who(f.assigneeId)}`);
  if (f.teamId) parts.push(`${t('inbox.filters.team')}: ${f.teamId === 'none' ? t('inbox.filters.noTeam') : (names.team(Number(f.teamId)) ?? `#${f.teamId}`)}`);
  if (f.channelId) parts.push(`${t('inbox.filters.channel')}: ${names.channel(Number(f.channelId)) ?? `#${f.channelId}`}`);
  if (f.tag) parts.push(`${t('inbox.filters.tag')}: ${f.tag}`);
  if (f.priority) parts.push(`${t('inbox.filters.priority')}: ${t(`inbox.priorities.${f.priority}`)}`);
  if (f.mentioned) parts.push(t('inbox.filters.mentioned'));
  if (f.q) parts.push(`${t('inbox.filters.search')}: «${f.q}»`);
  if (f.from) parts.push(`${t('inbox.filters.from')}: ${f.from}`);
  if (f.to) parts.push(`${t('inbox.filters.to')}: ${f.to}`);
  return parts;
}
