import { describe, expect, it } from 'vitest';
import { composeReply, outboundMessageId, replySubject, textToHtml } from './email-compose.js';
import { classifySmtpError, SMTP_THROTTLE_WAIT_MS } from './smtp-send.js';
import type { EmailChannel } from './email-settings.js';
import type { OutboundMessage } from '../channel.js';

const channel: EmailChannel = {
  id: 7,
  config: {
    address: 'soporte@empresa.test', name: 'Soporte Empresa',
    imap: { host: 'imap.empresa.test', port: 993, secure: true, user: 'soporte@empresa.test' },
    smtp: { host: 'smtp.empresa.test', port: 465, secure: true, user: 'soporte@empresa.test' },
  },
  imapPassword: 'x', smtpPassword: 'x', threadKey: 'clave-de-hilos-0123456789',
};
const reply = (over: Partial<OutboundMessage> = {}): OutboundMessage => ({
  messageId: 81, conversationId: 12, contactExternalId: 'ana@cliente.test', content: { type: 'text', text: 'Hola Ana,\n\nya está.\n<b>no es html</b>' }, ...over,
});

describe('email replies', () => {
  it('threads on the customer\'s latest message: In-Reply-To, References (theirs, then it), "Re:" subject', () => {
    const { messageId, mail } = composeReply(channel, reply({
      inReplyTo: { externalId: 'c2@cliente.test', meta: { email: { subject: 'Pedido 4417', messageId: 'c2@cliente.test', references: ['c1@cliente.test', `${outboundMessageId(channel, 80)}`] } } },
    }), []);
    expect(messageId).toBe(outboundMessageId(channel, 81));
    expect(mail).toMatchObject({
      from: { name: 'Soporte Empresa', address: 'soporte@empresa.test' },
      to: 'ana@cliente.test',
      subject: 'Re: Pedido 4417',
      messageId: `<${messageId}>`,
      inReplyTo: '<c2@cliente.test>',
      references: ['<c1@cliente.test>', `<${outboundMessageId(channel, 80)}>`, '<c2@cliente.test>'],
      text: 'Hola Ana,\n\nya está.\n<b>no es html</b>',
    });
    expect(mail.html).toContain('<p>Hola Ana,</p>');
    expect(mail.html).toContain('&lt;b&gt;no es html&lt;/b&gt;');
  });

  it('keeps one "Re:", falls back to the sender name without a subject, and does not thread on a content hash', () => {
    expect(replySubject('RE: Factura', 'x')).toBe('RE: Factura');
    expect(replySubject('  ', 'Soporte Empresa')).toBe('Soporte Empresa');
    const { mail } = composeReply(channel, reply({ inReplyTo: { externalId: `sha256:${'a'.repeat(64)}`, meta: { email: { subject: 'Sin id', messageId: null, references: [] } } } }), []);
    expect(mail.subject).toBe('Re: Sin id');
    expect(mail.inReplyTo).toBeUndefined();
    expect(mail.references).toBeUndefined();
    expect(composeReply(channel, reply(), []).mail.subject).toBe('Soporte Empresa');
  });

  it('keeps the thread\'s root and the newest ids of a very long References', () => {
    const refs = Array.from({ length: 40 }, (_, i) => `r${i}@x.test`);
    const { mail } = composeReply(channel, reply({ inReplyTo: { externalId: 'last@x.test', meta: { email: { messageId: 'last@x.test', references: refs } } } }), []);
    const sent = mail.references as string[];
    expect(sent).toHaveLength(20);
    expect(sent[0]).toBe('<r0@x.test>');
    expect(sent.at(-1)).toBe('<last@x.test>');
  });

  it('lists buttons under the text (email has none) and makes a Message-ID stable per message and unique per installation', () => {
    const { mail } = composeReply(channel, reply({ content: { type: 'interactive', text: '¿Confirma?', buttons: [{ id: 'y', title: 'Sí' }, { id: 'n', title: 'No' }] } }), []);
    expect(mail.text).toBe('¿Confirma?\n- Sí\n- No');
    expect(outboundMessageId(channel, 5)).toBe(outboundMessageId(channel, 5));
    expect(outboundMessageId(channel, 5)).not.toBe(outboundMessageId({ ...channel, threadKey: 'otra-instalacion-0123456' }, 5));
    expect(outboundMessageId(channel, 5)).toMatch(/^atiende\.5\.[0-9a-f]{16}@empresa\.test$/);
  });

  it('escapes text into HTML paragraphs', () => {
    expect(textToHtml('a & b\nc\n\nd')).toContain('<p>a &amp; b<br>c</p>\n<p>d</p>');
  });
});

describe('SMTP failures', () => {
  it.each([
    [{ responseCode: 550, response: '550 5.1.1 <x@y>: Recipient address rejected: User unknown' }, 'permanent', '550', '5.1.1 <x@y>: Recipient address rejected: User unknown'],
    [{ responseCode: 535, response: '535 5.7.8 Authentication credentials invalid' }, 'permanent', '535', '5.7.8 Authentication credentials invalid'],
    [{ responseCode: 451, response: '451 4.3.0 Temporary local problem, please try later' }, 'retryable', '451', '4.3.0 Temporary local problem, please try later'],
    [{ responseCode: 421, response: '421 4.7.0 Try again later, closing connection' }, 'rate_limited', '421', '4.7.0 Try again later, closing connection'],
    [{ responseCode: 450, response: '450 Too many messages, slow down' }, 'rate_limited', '450', 'Too many messages, slow down'],
    [{ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:25' }, 'retryable', 'ECONNECTION', 'connect ECONNREFUSED 127.0.0.1:25'],
    [{ code: 'EENVELOPE', message: 'No recipients defined' }, 'permanent', 'EENVELOPE', 'No recipients defined'],
  ])('classifies %j as %s', (err, kind, code, text) => {
    const e = classifySmtpError(Object.assign(new Error((err as { message?: string }).message ?? 'x'), err));
    expect({ kind: e.kind, providerCode: e.providerCode, message: e.message }).toEqual({ kind, providerCode: code, message: text });
    expect(e.retryAfterMs).toBe(kind === 'rate_limited' ? SMTP_THROTTLE_WAIT_MS : undefined);
  });
});
