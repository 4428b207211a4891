import { describe, expect, it } from 'vitest';
import { parseEmail, type CustomerEmail } from './email-parse.js';
import { trimQuotedText } from './quoted-text.js';
import { autoReplyMail, bounceMail, customerMail } from '../../../../test/fakes/mail-builder.js';

const receivedAt = new Date('2026-03-02T10:00:00Z');
const parse = async (raw: string, opts: { truncated?: boolean } = {}) => parseEmail(Buffer.from(raw, 'utf8'), { receivedAt, ...opts });
const asMessage = async (raw: string) => {
  const p = await parse(raw);
  if (p.kind !== 'message') throw new Error(`expected a customer message, got ${p.kind}`);
  return p as CustomerEmail;
};

describe('email parsing', () => {
  it('reads the sender, subject, text and threading ids of a plain mail', async () => {
    const { raw } = customerMail({
      from: 'Ana.Perez@Cliente.test', fromName: 'Ana Pérez', to: 'soporte@empresa.test', subject: 'Envío a Maracaibo',
      text: '¿Tienen envío a Maracaibo?', messageId: 'abc-1@cliente.test', inReplyTo: 'atiende.7.x@empresa.test',
      references: ['root@cliente.test', 'atiende.7.x@empresa.test'], date: new Date('2026-03-02T09:58:00Z'),
    });
    const m = await asMessage(raw);
    expect(m).toMatchObject({
      externalId: 'abc-1@cliente.test',
      contact: { externalId: 'ana.perez@cliente.test', email: 'ana.perez@cliente.test', name: 'Ana Pérez' },
      text: '¿Tienen envío a Maracaibo?',
      sentAt: new Date('2026-03-02T09:58:00Z'),
      email: { subject: 'Envío a Maracaibo', messageId: 'abc-1@cliente.test', inReplyTo: 'atiende.7.x@empresa.test', references: ['root@cliente.test', 'atiende.7.x@empresa.test'], to: ['soporte@empresa.test'] },
    });
    expect(m.email.autoReply).toBeUndefined();
    expect(m.email.fullText).toBeUndefined();
  });

  it('turns an HTML-only mail into text (no tags, entities decoded, scripts gone) and keeps the HTML', async () => {
    const html = '<html><head><style>p{color:red}</style><script>alert(1)</script></head><body><p>Hola,&nbsp;quisiera <b>cambiar</b> mi cita</p><p>Gracias &amp; saludos</p></body></html>';
    const m = await asMessage(customerMail({ from: 'luis@cliente.test', to: 'soporte@empresa.test', subject: 'Cita', html }).raw);
    expect(m.text).toContain('quisiera cambiar mi cita');
    expect(m.text).toContain('Gracias & saludos');
    expect(m.text).not.toMatch(/<|alert|color:red/);
    expect(m.email.html).toBe(html);
  });

  it('prefers the plain part when both are there', async () => {
    const m = await asMessage(customerMail({ from: 'a@cliente.test', to: 's@empresa.test', subject: 'x', text: 'texto plano', html: '<p>texto <i>html</i></p>' }).raw);
    expect(m.text).toBe('texto plano');
  });

  it('cuts the quoted history and keeps the full text beside it', async () => {
    const text = 'Sí, el pedido 4417.\n\nEl lun, 2 mar 2026 a las 9:00, Soporte (<soporte@empresa.test>)\nescribió:\n> ¿Nos da el número de pedido?\n> Gracias';
    const m = await asMessage(customerMail({ from: 'a@cliente.test', to: 's@empresa.test', subject: 'Re: Pedido', text }).raw);
    expect(m.text).toBe('Sí, el pedido 4417.');
    expect(m.email.fullText).toBe(text);
  });

  it('uses the subject as the text of a mail with an empty body', async () => {
    expect((await asMessage(customerMail({ from: 'a@cliente.test', to: 's@empresa.test', subject: 'Llámenme por favor', text: '' }).raw)).text).toBe('Llámenme por favor');
  });

  it('keeps attachments (name, type, bytes), none when the message was only partly read', async () => {
    const pdf = Buffer.from('%PDF-1.4 factura');
    const { raw } = customerMail({ from: 'a@cliente.test', to: 's@empresa.test', subject: 'Factura', text: 'Adjunto', attachments: [{ filename: 'factura 03.pdf', contentType: 'application/pdf', content: pdf }] });
    const m = await asMessage(raw);
    expect(m.files).toHaveLength(1);
    expect(m.files[0]).toMatchObject({ filename: 'factura 03.pdf', contentType: 'application/pdf' });
    expect(m.files[0].content.equals(pdf)).toBe(true);
    expect(((await parse(raw, { truncated: true })) as CustomerEmail).files).toEqual([]);
  });

  it('falls back to a hash of the raw message without a Message-ID, and to the arrival time for a broken or future Date', async () => {
    const { raw } = customerMail({ from: 'a@cliente.test', to: 's@empresa.test', subject: 'sin id', text: 'hola', messageId: null });
    const m = await asMessage(raw);
    expect(m.externalId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await asMessage(raw)).externalId).toBe(m.externalId);
    expect(m.email.messageId).toBeNull();
    const broken = raw.replace(/^Date: .*$/m, 'Date: lunes pasado');
    expect((await asMessage(broken)).sentAt).toEqual(receivedAt);
    const future = raw.replace(/^Date: .*$/m, 'Date: Tue, 01 Jan 2030 00:00:00 GMT');
    expect((await asMessage(future)).sentAt).toEqual(receivedAt);
  });

  it('answers to Reply-To when there is one (web forms relay mail that way)', async () => {
    const { raw } = customerMail({ from: 'formularios@empresa-web.test', fromName: 'Formulario web', to: 's@empresa.test', subject: 'Consulta', text: 'hola', headers: { 'Reply-To': 'Marta Ruiz <marta@cliente.test>' } });
    expect((await asMessage(raw)).contact).toEqual({ externalId: 'marta@cliente.test', email: 'marta@cliente.test', name: 'Marta Ruiz' });
  });

  it.each([
    [{ 'Auto-Submitted': 'auto-replied' }, 'Auto-Submitted: auto-replied'],
    [{ Precedence: 'bulk' }, 'Precedence: bulk'],
    [{ Precedence: 'auto_reply' }, 'Precedence: auto_reply'],
    [{ 'X-Autoreply': 'yes' }, 'X-Autoreply'],
    [{ 'Return-Path': '<>' }, 'Return-Path: <>'],
  ])('flags an automatic reply (%j)', async (headers, reason) => {
    const m = await asMessage(customerMail({ from: 'a@cliente.test', to: 's@empresa.test', subject: 'Fuera de la oficina', text: 'Vuelvo el lunes', headers }).raw);
    expect(m.email.autoReply).toBe(reason);
  });

  it('does not flag Auto-Submitted: no', async () => {
    const m = await asMessage(customerMail({ from: 'a@cliente.test', to: 's@empresa.test', subject: 'x', text: 'x', headers: { 'Auto-Submitted': 'no' } }).raw);
    expect(m.email.autoReply).toBeUndefined();
    expect((await asMessage(autoReplyMail({ from: 'a@cliente.test', to: 's@empresa.test', subject: 'x', text: 'x' }).raw)).email.autoReply).toBe('Auto-Submitted: auto-replied');
  });

  it('reads a bounce (DSN) as a delivery report about our message, not as a customer\'s mail', async () => {
    const { raw } = bounceMail({ to: 'soporte@empresa.test', originalMessageId: 'atiende.42.abcd@empresa.test', recipient: 'nadie@cliente.test' });
    expect(await parse(raw)).toEqual({
      kind: 'delivery_report',
      report: {
        originalMessageId: 'atiende.42.abcd@empresa.test',
        action: 'failed',
        recipient: 'nadie@cliente.test',
        status: '5.1.1',
        diagnostic: '550 5.1.1 <nadie@cliente.test>: Recipient address rejected: User unknown in virtual mailbox table',
      },
    });
  });

  it('names a mail without any sender unusable', async () => {
    expect(await parse('To: s@empresa.test\r\nSubject: ?\r\n\r\nhola\r\n')).toEqual({ kind: 'unusable', reason: 'no sender address (From)' });
  });
});

describe('quoted history', () => {
  it.each([
    ['On Mon, Mar 2, 2026 at 9:00 AM Support <s@empresa.test> wrote:\n> old', 'Thanks!'],
    ['-----Mensaje original-----\nDe: Soporte\nEnviado: lunes', 'Gracias'],
    ['________________________________\nDe: Soporte <s@empresa.test>\nEnviado: lunes, 2 de marzo de 2026 9:00\nPara: Ana', 'Perfecto'],
    ['De: Soporte <s@empresa.test>\nEnviado el: lunes, 2 de marzo de 2026 9:00\nAsunto: Pedido', 'Listo'],
    ['> línea citada\n> otra', 'Arriba'],
  ])('cuts %j', (quote, reply) => {
    expect(trimQuotedText(`${reply}\n\n${quote}`)).toEqual({ text: reply, trimmed: true });
  });

  it('keeps everything when nothing would be left above the quote (bottom-posting) or there is no quote', () => {
    expect(trimQuotedText('> pregunta\nrespuesta debajo')).toEqual({ text: '> pregunta\nrespuesta debajo', trimmed: false });
    expect(trimQuotedText('Hola,\n\nnecesito ayuda con mi pedido.\n')).toEqual({ text: 'Hola,\n\nnecesito ayuda con mi pedido.', trimmed: false });
  });
});
