import { DateTime } from 'luxon';
import type { UseCaseContext } from '../use-case.js';
import { listTeamFormFields, type TeamFormFieldRow } from '../teams/team-form.repo.js';
import { listConversations, workspaceTimezone, type ConversationFilters, type ConversationListRow } from './conversations.repo.js';
import { listFormValues, type FormValue } from './conversation-form.repo.js';

/** Most rows one export holds; narrow the filters (a date range) for more. */
export const EXPORT_MAX_ROWS = 50_000;
const PAGE_SIZE = 500;

type Lang = 'es' | 'en';
export interface CsvOptions {
  lang: Lang;
  delimiter: ',' | ';';
  /** Default EXPORT_MAX_ROWS. */
  maxRows?: number;
}

const words = {
  es: {
    file: 'conversaciones',
    headers: ['ID', 'Creada', 'Cerrada', 'Estado', 'Canal', 'Contacto', 'Teléfono', 'Equipo', 'Asignada a', 'Prioridad', 'Etiquetas', 'Categoría de cierre', 'Resumen de cierre'],
    status: { bot: 'Con el bot', queued: 'En cola', open: 'Abierta', snoozed: 'Pospuesta', closed: 'Cerrada' },
    priority: { none: '', low: 'Baja', medium: 'Media', high: 'Alta', urgent: 'Urgente' },
    yes: 'Sí',
    no: 'No',
  },
  en: {
    file: 'conversations',
    headers: ['ID', 'Created', 'Closed', 'Status', 'Channel', 'Contact', 'Phone', 'Team', 'Assigned to', 'Priority', 'Tags', 'Closing category', 'Closing summary'],
    status: { bot: 'With the bot', queued: 'Queued', open: 'Open', snoozed: 'Snoozed', closed: 'Closed' },
    priority: { none: '', low: 'Low', medium: 'Medium', high: 'High', urgent: 'Urgent' },
    yes: 'Yes',
    no: 'No',
  },
} as const;

// A cell a spreadsheet would run as a formula (CSV injection: contact names come from customers). Plain
// arithmetic of digits (a phone number, a negative amount) runs nothing, so it keeps its look.
const formulaStart = /^[=+\-@\t\r]/;
const onlyArithmetic = /^[+\-]?[\d\s.,()/+\-]*$/;

/** One cell: text that would start a formula is made literal; quoted when it holds the delimiter, a quote or a line break. */
export function csvCell(value: string | number | null | undefined, delimiter: string): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && formulaStart.test(text) && !onlyArithmetic.test(text)) text = `'${text}`;
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: Array<string | number | null | undefined>, delimiter: string) => `${cells.map((c) => csvCell(c, delimiter)).join(delimiter)}\r\n`;

/**
 * The inbox's result as CSV (the same filters and access rule as the list, read page by page so memory stays
 * flat), with one column per field of every team's form: values stay with the team that filled them, so a
 * transferred conversation shows both teams' answers. Starts with a UTF-8 BOM: without it Excel reads the
 * file in the machine's code page and accents come out garbled. Times are in the workspace's time zone.
 */
export async function exportConversations(ctx: UseCaseContext, filters: ConversationFilters, opts: CsvOptions) {
  const { actor } = ctx;
  const [fields, tz] = await Promise.all([listTeamFormFields(ctx.db, actor.workspaceId), workspaceTimezone(ctx.db, actor.workspaceId)]);
  const zone = DateTime.local().setZone(tz).isValid ? tz : 'UTC';
  const w = words[opts.lang];
  const when = (d: Date | null) => (d ? DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm') : '');
  const number = (n: number) => (opts.delimiter === ';' ? String(n).replace('.', ',') : String(n));
  const formCell = (v: FormValue | undefined) => (v === undefined ? '' : typeof v === 'boolean' ? (v ? w.yes : w.no) : typeof v === 'number' ? number(v) : v);

  const header = [...w.headers.map((h, i) => (i === 1 || i === 2 ? `${h} (${zone})` : h)), ...fields.map((f) => `${f.teamName}: ${f.label}`)];
  const row = (r: ConversationListRow, values: Map<number, Record<string, FormValue>>) => {
    const c = r.conversation;
    return [
      c.id, when(c.createdAt), when(c.closedAt), w.status[c.status], r.channel.name, r.contact.name || r.contact.email || '', r.contact.phone ?? '',
      r.team?.name ?? '', r.assignee?.name ?? '', w.priority[c.priority], c.tags.join(', '), c.closingCategory ?? '', c.closingSummary ?? '',
      ...fields.map((f: TeamFormFieldRow) => formCell(values.get(f.teamId)?.[f.key])),
    ];
  };

  async function* lines(): AsyncGenerator<string> {
    yield `\uFEFF${csvLine(header, opts.delimiter)}`;
    const max = opts.maxRows ?? EXPORT_MAX_ROWS;
    let written = 0;
    let after: { at: Date; id: number } | null = null;
    while (written < max) {
      const page = await listConversations(ctx.db, actor, filters, after, Math.min(PAGE_SIZE, max - written));
      if (page.length === 0) return;
      const saved = await listFormValues(ctx.db, actor.workspaceId, page.map((r) => r.conversation.id));
      const byConversation = new Map<number, Map<number, Record<string, FormValue>>>();
      for (const s of saved) {
        if (!byConversation.has(s.conversationId)) byConversation.set(s.conversationId, new Map());
        byConversation.get(s.conversationId)!.set(s.teamId, s.values);
      }
      yield page.map((r) => csvLine(row(r, byConversation.get(r.conversation.id) ?? new Map()), opts.delimiter)).join('');
      written += page.length;
      const last = page.at(-1)!.conversation;
      after = { at: last.lastActivityAt, id: last.id };
      if (page.length < PAGE_SIZE) return;
    }
  }

  const today = DateTime.fromJSDate(ctx.clock.now(), { zone }).toFormat('yyyy-MM-dd');
  return { filename: `${w.file}-${today}.csv`, lines: lines() };
}
