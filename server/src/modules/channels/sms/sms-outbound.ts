import { ChannelSendError, type OutboundMessage } from '../channel.js';

/** SMS has no buttons: a reply with buttons goes out as its text followed by the options, numbered. */
export function buttonsAsText(text: string, buttons: Array<{ title: string }>): string {
  return [text, ...buttons.map((b, i) => `${i + 1}. ${b.title}`)].filter(Boolean).join('\n');
}

/** The text of a reply for a text-only SMS provider: files and templates are refused for good. */
export function smsText(message: OutboundMessage, provider: string): string {
  const { content } = message;
  switch (content.type) {
    case 'text':
      return content.text;
    case 'interactive':
      return buttonsAsText(content.text, content.buttons);
    case 'media':
      throw new ChannelSendError('permanent', `SMS through ${provider} carries text only: files cannot be sent`);
    case 'template':
      throw new ChannelSendError('permanent', 'SMS has no message templates');
  }
}
