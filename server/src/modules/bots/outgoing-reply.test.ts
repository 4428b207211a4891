import { describe, expect, it } from 'vitest';
import { menuShown, outgoingReply } from './outgoing-reply.js';

const menu = { text: '¿Qué área te interesa?', buttons: [{ id: 'Ingeniería', title: 'Ingeniería' }, { id: 'Salud', title: 'Salud' }] };

describe('a bot reply as the channel can show it', () => {
  it('keeps buttons where the channel has them', () => {
    expect(outgoingReply(menu, true)).toEqual({ body: '¿Qué área te interesa?', meta: { buttons: menu.buttons }, attachmentId: undefined });
    expect(menuShown([menu], true)).toBeUndefined();
  });

  it('turns them into a numbered list elsewhere, and remembers that list so "2" picks its second row', () => {
    expect(outgoingReply(menu, false).body).toBe('¿Qué área te interesa?\n\n1. Ingeniería\n2. Salud');
    expect(menuShown([{ text: 'Hola' }, menu], false)).toEqual(menu.buttons);
  });

  it('sends a remote bot\'s image as a link after the text', () => {
    expect(outgoingReply({ text: 'Nuestro campus', mediaUrl: 'https://example.com/campus.jpg' }, true).body).toBe('Nuestro campus\nhttps://example.com/campus.jpg');
  });
});
