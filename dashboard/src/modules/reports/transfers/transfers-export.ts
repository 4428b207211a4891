import type { TFunction } from 'i18next';
import type { SheetColumn } from '../../../app/export/print-sheet';
import type { Names } from '../../inbox/inbox-export';
import { statusList } from '../../inbox/inbox-filters';
import type { Placement, Transfer, TransferredConversation, TransfersReportFilters, TransfersReportItem } from './transfers.api';

/** One transfer with its conversation: a line of Copy and of the printed sheet. */
export interface TransferLine {
  conversation: TransferredConversation;
  transfer: Transfer;
}

export const transferLines = (items: TransfersReportItem[]): TransferLine[] =>
  items.flatMap((item) => item.transfers.map((transfer) => ({ conversation: item.conversation, transfer })));

/** "Ventas · Ana", "Ventas" (its queue), "Ana", or no team. */
export function placementLabel(p: Placement, t: TFunction): string {
  const parts = [p.team?.name, p.agent?.name].filter(Boolean);
  return parts.length ? parts.join(' · ') : t('reports.transfers.noTeam');
}

/** Who moved it: the user's name, or the integration, the system or the bot. */
export const byLabel = (by: Transfer['by'], t: TFunction) => by.user?.name ?? t(`reports.transfers.by.${by.type}`, { defaultValue: by.type });

/** The columns of Copy and Print: one line per transfer, the conversation spelled out on each. */
export function transferColumns(t: TFunction, language: string): SheetColumn<TransferLine>[] {
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });
  const column = (key: string, value: SheetColumn<TransferLine>['value']) => ({ key, header: t(`reports.transfers.columns.${key}`), value });
  return [
    column('conversation', (l) => l.conversation.id),
    column('contact', (l) => l.conversation.contact.name || l.conversation.contact.phone),
    column('channel', (l) => l.conversation.channel.name),
    column('status', (l) => t(`inbox.statuses.${l.conversation.status}`)),
    column('team', (l) => l.conversation.team?.name ?? ''),
    column('agent', (l) => l.conversation.assignee?.name ?? ''),
    column('when', (l) => date.format(new Date(l.transfer.at))),
    column('fromTeam', (l) => l.transfer.from.team?.name ?? ''),
    column('fromAgent', (l) => l.transfer.from.agent?.name ?? ''),
    column('toTeam', (l) => l.transfer.to.team?.name ?? ''),
    column('toAgent', (l) => l.transfer.to.agent?.name ?? ''),
    column('by', (l) => byLabel(l.transfer.by, t)),
    column('reason', (l) => l.transfer.reason ?? ''),
  ];
}

/** The filters in words, for the printed sheet's header. */
export function describeReportFilters(f: TransfersReportFilters, t: TFunction, names: Names): string[] {
  const label = (key: string) => t(`reports.transfers.filters.${key}`);
  const parts = [`${label('from')}: ${f.from}`, `${label('to')}: ${f.to}`];
  if (f.teamId) parts.push(`${label('team')}: ${names.team(Number(f.teamId)) ?? `#${f.teamId}`}`);
  if (f.channelId) parts.push(`${label('channel')}: ${names.channel(Number(f.channelId)) ?? `#${f.channelId}`}`);
  if (f.assigneeId) parts.push(`${label('agent')}: ${names.user(Number(f.assigneeId)) ?? `#${f.assigneeId}`}`);
  if (f.status) parts.push(`${label('status')}: ${statusList(f.status).map((s) => t(`inbox.statuses.${s}`)).join(', ')}`);
  if (f.q) parts.push(`${label('search')}: «${f.q}»`);
  return parts;
}
