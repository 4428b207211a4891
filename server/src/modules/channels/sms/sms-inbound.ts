import type { InboundAttachment, InboundEvent } from '../channel.js';
import { isE164, normalisePhone } from './phone.js';
import { smsKeyword } from './keywords.js';

/**
 * One customer SMS (or MMS) as an inbound message, the same for every SMS provider: the contact is the sender's
 * number in E.164 (also their phone), and an opt-out or opt-in word is recorded in meta.sms.keyword.
 *
 * Length: an SMS carries 160 GSM-7 characters (153 per part when concatenated) but only 70 UCS-2 ones (67) as
 * soon as one character is outside GSM-7; in Spanish that is any of á í ó ú (é ñ ü ¿ ¡ are in GSM-7), so most
 * replies cost a part per 67 characters. Providers split and bill; Twilio refuses bodies over 1,600 characters.
 */
export function smsMessage(input: { externalId: string; from: string; text: string; sentAt?: Date; attachments?: InboundAttachment[]; name?: string }): InboundEvent {
  const address = normalisePhone(input.from);
  const keyword = smsKeyword(input.text);
  return {
    kind: 'message',
    externalId: input.externalId,
    contact: { externalId: address, ...(isE164(address) ? { phone: address } : {}), ...(input.name ? { name: input.name } : {}) },
    text: input.text,
    ...(input.sentAt && !Number.isNaN(input.sentAt.getTime()) ? { sentAt: input.sentAt } : {}),
    ...(input.attachments?.length ? { attachments: input.attachments } : {}),
    ...(keyword ? { meta: { sms: { keyword } } } : {}),
  };
}
