import type { BotButton, BotReply } from './bot-engine.js';

export interface OutgoingReply {
  body: string;
  meta: Record<string, unknown>;
  attachmentId?: number;
}

/**
 * A reply as the channel can show it: buttons where the channel has them (the adapter makes more than 3 a list, as
 * WhatsApp and Messenger do), else a numbered list the customer answers with a number; a remote bot's media URL as a link.
 */
export function outgoingReply(reply: BotReply, interactive: boolean): OutgoingReply {
  const buttons = reply.buttons ?? [];
  const link = reply.mediaUrl ? `\n${reply.mediaUrl}` : '';
  if (buttons.length && interactive) {
    return { body: `${reply.text}${link}`, meta: { buttons: buttons.slice(0, 10) }, attachmentId: reply.attachmentId };
  }
  const list = buttons.map((b, i) => `${i + 1}. ${b.title}`).join('\n');
  return { body: [reply.text + link, list].filter(Boolean).join('\n\n'), meta: {}, attachmentId: reply.attachmentId };
}

/** The replies as one text, for the bot review. */
export const answerText = (outgoing: OutgoingReply[]) => outgoing.map((o) => o.body).join('\n\n').slice(0, 4000);

/** The menu a customer may answer by number after these replies: the last list shown as text. */
export function menuShown(replies: BotReply[], interactive: boolean): BotButton[] | undefined {
  const last = [...replies].reverse().find((r) => r.buttons?.length);
  if (!last) return undefined;
  return outgoingReply(last, interactive).meta.buttons ? undefined : last.buttons;
}
