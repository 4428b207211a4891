// @vitest-environment happy-dom
import '../../../i18n/i18n';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import type { Message } from '../conversation.api';
import { EditedMark, MessageOrigin, Reactions } from './message-extras';

afterEach(cleanup);

const message = (meta: Record<string, unknown>): Message => ({
  id: 1, conversationId: 1, kind: 'message', direction: 'inbound', sender: { type: 'contact', id: 3 }, body: 'Talla L, perdón', meta,
  externalId: 'm_1', deliveryStatus: null, failureReason: null, attachments: [], deletedAt: null, createdAt: '2026-01-01T10:00:00.000Z',
});
const show = (m: Message) =>
  render(
    <MantineProvider>
      <MessageOrigin message={m} />
      <EditedMark message={m} />
      <Reactions message={m} mine={false} />
    </MantineProvider>,
  );

describe('what channels add to a message', () => {
  it('shows the customer\'s reactions and that the message was edited', () => {
    show(message({ reactions: [{ emoji: '👍', contactId: 3, at: '2026-01-01T10:01:00.000Z' }], editedFrom: 'Talla M', editedAt: '2026-01-01T10:02:00.000Z' }));
    expect(screen.getByTestId('message-reactions').textContent).toBe('👍');
    expect(screen.getByLabelText('Reacción del cliente: 👍')).toBeTruthy();
    expect(screen.getByTestId('message-edited').textContent).toBe('editado');
  });

  it('names the post a comment is on and the story a mention is about, with their links', () => {
    show(message({ comment: { id: '77_501', permalink: 'https://www.facebook.com/p/77' } }));
    expect(screen.getByTestId('message-origin').textContent).toBe('Comentario en una publicación · Ver publicación');
    expect(screen.getByRole('link', { name: 'Ver publicación' }).getAttribute('href')).toBe('https://www.facebook.com/p/77');
    cleanup();
    show(message({ story: { kind: 'mention', url: 'https://lookaside.fbsbx.com/story/2' } }));
    expect(screen.getByTestId('message-origin').textContent).toBe('Te mencionó en su historia · Ver historia');
  });

  it('shows nothing for a plain message', () => {
    show(message({}));
    expect(screen.queryByTestId('message-origin')).toBeNull();
    expect(screen.queryByTestId('message-edited')).toBeNull();
    expect(screen.queryByTestId('message-reactions')).toBeNull();
  });
});
