import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { channelTag, conversationOfAddress, conversationOfRecipients, replyAddress } from './reply-token.js';
import { composeReply, outboundMessageId } from './email-compose.js';
import { parseEmail, type CustomerEmail } from './email-parse.js';
import type { EmailChannel } from './email-settings.js';
import { customerMail } from '../../../../test/fakes/mail-builder.js';

const channel: EmailChannel = {
  id: 7,
  config: {
    address: 'soporte@empresa.test', name: 'Soporte Empresa',
    imap: { host: 'imap.empresa.test', port: 993, secure: true, user: 'soporte@empresa.test' },
    smtp: { host: 'smtp.empresa.test', port: 465, secure: true, user: 'soporte@empresa.test' },
  },
  imapPassword: 'x', smtpPassword: 'x', threadKey: 'clave-de-hilos-0123456789',
};
const tag = (data: string) => crypto.createHmac('sha256', channel.threadKey).update(data).digest('hex');

describe('the reply address token', () => {
  it('is the channel\'s address plus the conversation and a 12-character HMAC of it under the threadKey', () => {
    expect(replyAddress(channel, 81)).toBe(`soporte+c81.${tag('reply:7:81').slice(0, 12)}@empresa.test`);
    expect(replyAddress(channel, 81)).toBe(replyAddress(channel, 81));
    expect(replyAddress(channel, 82)).not.toBe(replyAddress(channel, 81));
    expect(replyAddress({ ...channel, threadKey: 'otra-clave-0123456789' }, 81)).not.toBe(replyAddress(channel, 81));
    // An address that already has a sub-address keeps it: plus addressing delivers on the first "+".
    expect(replyAddress({ ...channel, config: { ...channel.config, address: 'Ayuda+web@Empresa.test' } }, 5)).toMatch(/^Ayuda\+web\+c5\.[0-9a-f]{12}@Empresa\.test$/);
  });

  it('is left out when the channel turns it off', () => {
    const off = { ...channel, config: { ...channel.config, replyAddressToken: 'off' as const } };
    expect(replyAddress(off, 81)).toBeNull();
    expect(replyAddress({ ...channel, config: { ...channel.config, replyAddressToken: 'plus' as const } }, 81)).toBe(replyAddress(channel, 81));
  });

  it('verifies back to its conversation, whatever the case a mail server gave it', () => {
    const address = replyAddress(channel, 81)!;
    expect(conversationOfAddress(channel, address)).toBe(81);
    expect(conversationOfAddress(channel, address.toUpperCase())).toBe(81);
    expect(conversationOfAddress(channel, `Soporte <${address}>`)).toBe(81);
  });

  it('refuses a forged tag, a tag moved to another conversation, another channel\'s token and what is no token', () => {
    const valid = tag('reply:7:81').slice(0, 12);
    expect(conversationOfAddress(channel, 'soporte+c81.0123456789ab@empresa.test')).toBeNull();
    expect(conversationOfAddress(channel, `soporte+c82.${valid}@empresa.test`)).toBeNull();
    expect(conversationOfAddress({ ...channel, id: 8 }, `soporte+c81.${valid}@empresa.test`)).toBeNull();
    expect(conversationOfAddress({ ...channel, threadKey: 'otra-clave-0123456789' }, `soporte+c81.${valid}@empresa.test`)).toBeNull();
    expect(conversationOfAddress(channel, `soporte+c81.${valid.slice(0, 11)}@empresa.test`)).toBeNull();
    expect(conversationOfAddress(channel, 'soporte@empresa.test')).toBeNull();
    expect(conversationOfAddress(channel, 'ana+compras@cliente.test')).toBeNull();
    expect(conversationOfAddress(channel, `soporte+c0.${tag('reply:7:0').slice(0, 12)}@empresa.test`)).toBeNull();
    expect(conversationOfAddress(channel, `soporte+c9999999999999999.${valid}@empresa.test`)).toBeNull();
  });

  it('is found among the recipients: the first one that verifies', () => {
    const good = replyAddress(channel, 81)!;
    expect(conversationOfRecipients(channel, ['ana@cliente.test', 'soporte+c80.0123456789ab@empresa.test', good, replyAddress(channel, 90)!])).toBe(81);
    expect(conversationOfRecipients(channel, ['ana@cliente.test', 'soporte@empresa.test'])).toBeNull();
    expect(conversationOfRecipients(channel, [])).toBeNull();
  });

  it('goes out as the reply\'s Reply-To, From staying the mailbox; our Message-IDs keep their tag', () => {
    const message = { messageId: 81, conversationId: 12, contactExternalId: 'ana@cliente.test', content: { type: 'text' as const, text: 'Hola' } };
    const { mail } = composeReply(channel, message, []);
    expect(mail.from).toEqual({ name: 'Soporte Empresa', address: 'soporte@empresa.test' });
    expect(mail.replyTo).toEqual({ name: 'Soporte Empresa', address: replyAddress(channel, 12) });
    expect(composeReply({ ...channel, config: { ...channel.config, replyAddressToken: 'off' } }, message, []).mail.replyTo).toBeUndefined();
    expect(outboundMessageId(channel, 81)).toBe(`atiende.81.${tag('7:81').slice(0, 16)}@empresa.test`);
    expect(channelTag(channel, '7:81', 16)).toBe(tag('7:81').slice(0, 16));
  });

  it('is looked for in To, Cc, Delivered-To and X-Original-To, which parsing gathers lower-cased', async () => {
    const { raw } = customerMail({
      from: 'ana@cliente.test', to: 'Soporte <Soporte@Empresa.test>', subject: 'x', text: 'hola',
      headers: { Cc: 'Luis <luis@cliente.test>, soporte+c1.abc@empresa.test', 'Delivered-To': 'buzon@empresa.test', 'X-Original-To': '<Lista@Empresa.test>' },
    });
    const withSecond = raw.replace('MIME-Version', 'Delivered-To: segundo@empresa.test\r\nMIME-Version');
    const parsed = (await parseEmail(Buffer.from(withSecond), { receivedAt: new Date('2026-03-02T10:00:00Z') })) as CustomerEmail;
    expect(parsed.recipients).toEqual(['soporte@empresa.test', 'luis@cliente.test', 'soporte+c1.abc@empresa.test', 'buzon@empresa.test', 'segundo@empresa.test', 'lista@empresa.test']);
    expect(parsed.email).toMatchObject({ to: ['soporte@empresa.test'], cc: ['luis@cliente.test', 'soporte+c1.abc@empresa.test'] });
  });
});
