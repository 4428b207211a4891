import { describe, expect, it } from 'vitest';
import { whatsappRequests } from './whatsapp-send.js';
import { classifyGraphError } from './whatsapp-errors.js';
import type { OutboundContent } from '../channel.js';

const to = '573001234567';
const requests = (content: OutboundContent, replyTo?: string) => whatsappRequests({ messageId: 1, conversationId: 1, contactExternalId: to, content, ...(replyTo ? { replyToExternalId: replyTo } : {}) });
const file = (contentType: string, filename: string, size = 1000) => ({ url: `https://files.example/${filename}`, filename, contentType, size });

describe('WhatsApp outbound requests', () => {
  it('a text, quoting the customer\'s message with context.message_id; links get a preview', () => {
    expect(requests({ type: 'text', text: 'Hola' }, 'wamid.IN')).toEqual([
      { messaging_product: 'whatsapp', recipient_type: 'individual', to, context: { message_id: 'wamid.IN' }, type: 'text', text: { preview_url: false, body: 'Hola' } },
    ]);
    expect(requests({ type: 'text', text: 'Mire https://atiende.example/x' })[0].text.preview_url).toBe(true);
  });

  it('a text longer than 4096 characters goes in pieces cut at spaces, only the first quoting', () => {
    const long = Array.from({ length: 1200 }, (_, i) => `palabra${i}`).join(' ');
    const parts = requests({ type: 'text', text: long }, 'wamid.IN');
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.text.body.length <= 4096)).toBe(true);
    expect(parts.map((p) => p.text.body).join(' ')).toBe(long);
    expect(parts.filter((p) => p.context)).toHaveLength(1);
  });

  it('files by link: the caption with the first, documents with their name, large images as documents', () => {
    expect(requests({ type: 'media', text: 'Su factura', attachments: [file('image/jpeg', 'foto.jpg'), file('application/pdf', 'INV-4417.pdf')] })).toEqual([
      expect.objectContaining({ type: 'image', image: { link: 'https://files.example/foto.jpg', caption: 'Su factura' } }),
      expect.objectContaining({ type: 'document', document: { link: 'https://files.example/INV-4417.pdf', filename: 'INV-4417.pdf' } }),
    ]);
    expect(requests({ type: 'media', text: '', attachments: [file('image/png', 'plano.png', 6 * 1_048_576)] })[0].type).toBe('document');
  });

  it('an audio takes no caption, and a caption over 1024 characters: the text goes first, on its own', () => {
    const voice = requests({ type: 'media', text: 'Escuche', attachments: [file('audio/ogg', 'nota.ogg')] });
    expect(voice.map((r) => r.type)).toEqual(['text', 'audio']);
    expect(voice[1].audio).toEqual({ link: 'https://files.example/nota.ogg' });
    expect(requests({ type: 'media', text: 'x'.repeat(1100), attachments: [file('video/mp4', 'v.mp4')] }).map((r) => r.type)).toEqual(['text', 'video']);
  });

  it('up to three buttons are reply buttons; more become a list; over ten is refused', () => {
    const three = requests({ type: 'interactive', text: '¿Se resolvió?', buttons: [{ id: 'y', title: 'Sí' }, { id: 'n', title: 'No' }, { id: 'h', title: 'Hablar con una persona de soporte' }] })[0];
    expect(three.interactive).toEqual({
      type: 'button', body: { text: '¿Se resolvió?' },
      action: { buttons: [{ type: 'reply', reply: { id: 'y', title: 'Sí' } }, { type: 'reply', reply: { id: 'n', title: 'No' } }, { type: 'reply', reply: { id: 'h', title: 'Hablar con una pers…' } }] },
    });
    const four = requests({ type: 'interactive', text: 'Elija', buttons: ['a', 'b', 'c', 'd'].map((id) => ({ id, title: `Opción ${id}` })) })[0];
    expect(four.interactive.type).toBe('list');
    expect(four.interactive.action.button).toBe('Ver opciones');
    expect(four.interactive.action.sections[0].rows).toHaveLength(4);
    expect(() => requests({ type: 'interactive', text: 'x', buttons: Array.from({ length: 11 }, (_, i) => ({ id: `${i}`, title: `${i}` })) })).toThrow(/at most 10/);
  });

  it('a template with its language and body parameters', () => {
    expect(requests({ type: 'template', name: 'order_update', language: 'es', components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: '4417' }] }] })[0]).toMatchObject({
      type: 'template',
      template: { name: 'order_update', language: { code: 'es' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: '4417' }] }] },
    });
  });
});

describe('Graph error classification', () => {
  const graph = (code: number, message: string, details?: string) => ({ error: { message: `(#${code}) ${message}`, type: 'OAuthException', code, ...(details ? { error_data: { details } } : {}), fbtrace_id: 'x' } });
  it.each([
    [131047, 400, 'permanent'], [131026, 400, 'permanent'], [190, 401, 'permanent'], [100, 400, 'permanent'], [132001, 404, 'permanent'],
    [130429, 400, 'rate_limited'], [80007, 400, 'rate_limited'], [131056, 400, 'rate_limited'],
    [131000, 500, 'retryable'], [131016, 503, 'retryable'], [999999, 503, 'retryable'], [999999, 400, 'permanent'],
  ])('code %i (HTTP %i) is %s', (code, status, kind) => {
    const e = classifyGraphError(status, graph(code, 'Something'));
    expect(e.kind).toBe(kind);
    expect(e.providerCode).toBe(String(code));
  });

  it('keeps Meta\'s text and details without the "(#code)" prefix', () => {
    expect(classifyGraphError(400, graph(131047, 'Re-engagement message', 'More than 24 hours have passed')).message).toBe('Re-engagement message: More than 24 hours have passed');
  });

  it('waits as long as the usage header says for a business-account rate limit, else a second for throughput', () => {
    const headers = new Headers({ 'x-business-use-case-usage': JSON.stringify({ 102290129340398: [{ type: 'whatsapp', call_count: 100, estimated_time_to_regain_access: 3 }] }) });
    expect(classifyGraphError(400, graph(80007, 'Rate limit'), headers).retryAfterMs).toBe(180_000);
    expect(classifyGraphError(400, graph(130429, 'Rate limit hit')).retryAfterMs).toBe(1000);
  });

  it('an answer that is not Graph\'s JSON is classified by its HTTP status', () => {
    expect(classifyGraphError(502, null)).toMatchObject({ kind: 'retryable', providerCode: '502' });
    expect(classifyGraphError(429, null)).toMatchObject({ kind: 'rate_limited', providerCode: '429' });
    expect(classifyGraphError(404, null)).toMatchObject({ kind: 'permanent', providerCode: '404' });
  });
});
