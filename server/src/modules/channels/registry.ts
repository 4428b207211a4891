import type { ChannelAdapter } from './channel.js';
import { apiChannelAdapter } from './api/api.adapter.js';
import { telegramAdapter } from './telegram/telegram.adapter.js';
import { twilioAdapter } from './twilio/twilio.adapter.js';
import { twilioWhatsAppAdapter } from './twilio/twilio-whatsapp.adapter.js';
import { vonageAdapter } from './vonage/vonage.adapter.js';
import { messagebirdAdapter } from './messagebird/messagebird.adapter.js';
import { webchatAdapter } from './webchat/webchat.adapter.js';
import { whatsappAdapter } from './whatsapp/whatsapp.adapter.js';
import { messengerAdapter } from './messenger/messenger.adapter.js';
import { instagramAdapter } from './instagram/instagram.adapter.js';
import { emailAdapter } from './email/email.adapter.js';
import { formAdapter } from './forms/form.adapter.js';

const adapters = new Map<string, ChannelAdapter>([apiChannelAdapter, telegramAdapter].map((a) => [a.type, a]));
adapters.set(whatsappAdapter.type, whatsappAdapter);
adapters.set(webchatAdapter.type, webchatAdapter);
adapters.set(messengerAdapter.type, messengerAdapter);
adapters.set(instagramAdapter.type, instagramAdapter);
adapters.set(twilioAdapter.type, twilioAdapter);
adapters.set(twilioWhatsAppAdapter.type, twilioWhatsAppAdapter);
adapters.set(vonageAdapter.type, vonageAdapter);
adapters.set(messagebirdAdapter.type, messagebirdAdapter);
adapters.set(emailAdapter.type, emailAdapter);
adapters.set(formAdapter.type, formAdapter);

export function adapterFor(type: string): ChannelAdapter | undefined {
  return adapters.get(type);
}
