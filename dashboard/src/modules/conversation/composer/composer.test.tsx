// @vitest-environment happy-dom
import '../../../i18n/i18n';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { i18n } from '../../../i18n/i18n';
import type { Me } from '../../../app/auth';
import type { Conversation } from '../../inbox/conversations.api';
import { Composer } from './composer';
import type { ComposerMode } from './draft-store';

const me: Me = {
  user: { id: 1, name: 'Yo Agente', email: 'yo@x.io', language: 'es' },
  workspace: { id: 1, name: 'Atiende', timezone: 'UTC', language: 'es' },
  role: 'agent',
  accessLevel: 'all',
  teamIds: [],
  workspaces: [{ id: 1, name: 'Atiende' }],
};

/** The same person in a workspace where only the assignee replies. */
const ownership: Me = { ...me, workspace: { ...me.workspace, onlyAssigneeReplies: true } };

const conversation = (over: Partial<Conversation> = {}): Conversation => ({
  id: 41,
  status: 'open',
  priority: 'none',
  tags: [],
  botActive: false,
  contact: { id: 7, name: 'Carla Cliente', phone: '+584121234567', email: null, documentNumber: null },
  channel: { id: 3, type: 'api', name: 'Web' },
  team: null,
  assignee: { id: 1, name: 'Yo Agente', avatarUrl: null },
  snooze: null,
  closingNote: null,
  closedAt: null,
  firstReplyAt: null,
  lastInboundAt: new Date().toISOString(),
  lastActivityAt: new Date().toISOString(),
  lastMessagePreview: 'Hola',
  unreadCount: 0,
  createdAt: new Date().toISOString(),
  ...over,
});

const members = [
  { id: 1, email: 'yo@x.io', name: 'Yo Agente', avatarUrl: null, role: 'agent', accessLevel: 'all', active: true, teamIds: [] },
  { id: 2, email: 'ana@x.io', name: 'Ana Pérez', avatarUrl: null, role: 'agent', accessLevel: 'all', active: true, teamIds: [] },
  { id: 3, email: 'bruno@x.io', name: 'Bruno Díaz', avatarUrl: null, role: 'supervisor', accessLevel: 'all', active: true, teamIds: [] },
  { id: 4, email: 'old@x.io', name: 'Andrés Baja', avatarUrl: null, role: 'agent', accessLevel: 'all', active: false, teamIds: [] },
];
const snippets = [
  { id: 5, shortcut: 'saludo', title: 'Saludo', body: 'Hola {{contact.first_name}}, ¿en qué te ayudo?', scope: 'workspace', action: null, createdBy: null, updatedAt: '2030-01-01T00:00:00Z' },
  { id: 6, shortcut: 'despedida', title: 'Despedida', body: 'Fue un placer ayudarte.', scope: 'workspace', action: null, createdBy: null, updatedAt: '2030-01-01T00:00:00Z' },
];
/** A snippet that re-hooks the bot once sent (seed 000). */
const robot = { id: 8, shortcut: 'robot', title: 'Pasar al robot', body: 'Te dejo con nuestro asistente, {{contact.first_name}}.', scope: 'workspace', action: 'resume_bot', createdBy: null, updatedAt: '2030-01-01T00:00:00Z' };

interface Call {
  method: string;
  path: string;
  body: unknown;
}

/**
 * A tiny fake of the server's HTTP API, answering by method and path. `withRobot` adds the snippet that
 * resumes the bot; `botStatus` is how POST …/bot answers.
 */
function fakeApi({ withRobot = false, botStatus = 200 }: { withRobot?: boolean; botStatus?: number } = {}) {
  const available = withRobot ? [...snippets, robot] : snippets;
  const calls: Call[] = [];
  let nextId = 100;
  const json = (status: number, data: unknown) => new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json' } });
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, path: url.pathname + url.search, body });
    const route = `${method} ${url.pathname}`;
    if (route === 'GET /api/v1/users') return json(200, { items: members, nextCursor: null });
    if (route === 'GET /api/v1/snippets') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      return json(200, { items: available.filter((s) => !q || s.shortcut.includes(q) || s.title.toLowerCase().includes(q)) });
    }
    const render = /^POST \/api\/v1\/conversations\/(\d+)\/snippets\/(\d+)\/render$/.exec(route);
    if (render) {
      const snippet = available.find((s) => s.id === Number(render[2]))!;
      return json(200, { body: snippet.body.replace('{{contact.first_name}}', 'Carla') });
    }
    const bot = /^POST \/api\/v1\/conversations\/(\d+)\/bot$/.exec(route);
    if (bot) {
      // The server's answers: 403 forbidden without the permission, 409 conflict when the bot already runs.
      if (botStatus === 403) return json(403, { error: { code: 'forbidden', message: 'Forbidden' } });
      if (botStatus === 409) return json(409, { error: { code: 'conflict', message: 'The bot is already active' } });
      return json(200, conversation({ id: Number(bot[1]), botActive: (body as { active: boolean }).active }));
    }
    const post = /^POST \/api\/v1\/conversations\/(\d+)\/(messages|notes)$/.exec(route);
    if (post) {
      const note = post[2] === 'notes';
      const b = body as { body: string; mentions?: number[] };
      return json(201, {
        id: nextId++,
        conversationId: Number(post[1]),
        kind: note ? 'note' : 'message',
        direction: note ? null : 'outbound',
        sender: { type: 'user', id: 1 },
        body: b.body,
        meta: note ? { mentions: b.mentions ?? [] } : {},
        externalId: null,
        deliveryStatus: note ? null : 'queued',
        failureReason: null,
        attachments: [],
        deletedAt: null,
        createdAt: new Date().toISOString(),
      });
    }
    return json(404, { error: { code: 'not_found', message: `no fake for ${route}` } });
  });
  return {
    fetch,
    calls,
    /** What was sent or stored (typing signals aside: they are counted by `typing()`). */
    posts: () => calls.filter((c) => c.method === 'POST' && !c.path.endsWith('/typing')),
    typing: () => calls.filter((c) => c.method === 'POST' && c.path.endsWith('/typing')).map((c) => (c.body as { typing: boolean }).typing),
  };
}

let api: ReturnType<typeof fakeApi>;

// happy-dom has no FontFaceSet; Mantine's autosize textarea listens to it.
if (!document.fonts) Object.defineProperty(document, 'fonts', { value: new EventTarget(), configurable: true });

function renderComposer(props: { conversation?: Conversation; mode?: ComposerMode; me?: Me; onTakeOver?: () => void } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const onModeChange = vi.fn();
  const onSent = vi.fn();
  const ui = (mode: ComposerMode) => (
    <MantineProvider>
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <Composer conversation={props.conversation ?? conversation()} me={props.me ?? me} mode={mode} onModeChange={onModeChange} onSent={onSent} onTakeOver={props.onTakeOver} />
      </QueryClientProvider>
    </MantineProvider>
  );
  const result = render(ui(props.mode ?? 'reply'));
  return { ...result, onModeChange, onSent, input: () => screen.getByTestId('composer-input') as HTMLTextAreaElement, rerenderMode: (m: ComposerMode) => result.rerender(ui(m)) };
}

beforeEach(async () => {
  localStorage.clear();
  await i18n.changeLanguage('es');
  api = fakeApi();
  vi.stubGlobal('fetch', api.fetch);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Composer', () => {
  it('sends on Enter and breaks the line on Shift+Enter', async () => {
    const user = userEvent.setup();
    const { input, onSent } = renderComposer();
    await user.click(input());
    await user.type(input(), 'Hola{Shift>}{Enter}{/Shift}mundo');
    expect(input().value).toBe('Hola\nmundo');
    expect(api.posts()).toEqual([]);

    await user.keyboard('{Enter}');
    await waitFor(() => expect(api.posts()).toHaveLength(1));
    expect(api.posts()[0]).toMatchObject({ path: '/api/v1/conversations/41/messages', body: { body: 'Hola\nmundo' } });
    await waitFor(() => expect(input().value).toBe(''));
    expect(onSent).toHaveBeenCalledTimes(1);
    expect(Object.keys(localStorage).filter((k) => k.startsWith('atiende.draft.'))).toEqual([]);
  });

  it('tells the customer and teammates I am typing a reply, once for a burst of keys, and that I stopped when I send', async () => {
    const user = userEvent.setup();
    const { input } = renderComposer();
    // The burst happens at one instant, however slow the machine (a starved CI run took over 3 s to type it,
    // and the renewal after 3 s is right then).
    const clock = vi.spyOn(Date, 'now').mockReturnValue(1_800_000_000_000);
    await user.type(input(), 'Hola, ya reviso');
    expect(api.typing()).toEqual([true]);
    clock.mockRestore();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(api.typing()).toEqual([true, false]));
  });

  it('does not send an empty message', async () => {
    const user = userEvent.setup();
    const { input } = renderComposer();
    await user.click(input());
    await user.keyboard('   {Enter}');
    expect(api.posts()).toEqual([]);
    expect((screen.getByTestId('composer-send') as HTMLButtonElement).disabled).toBe(true);
  });

  it('opens the snippets on / at the start, filters as you type, and inserts the rendered snippet on Enter', async () => {
    const user = userEvent.setup();
    const { input } = renderComposer();
    await user.click(input());
    await user.type(input(), '/');
    const list = await screen.findByRole('listbox', { name: /atajos/i });
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(2));

    await user.type(input(), 'sal');
    await waitFor(() => expect(within(screen.getByRole('listbox', { name: /atajos/i })).getAllByRole('option')).toHaveLength(1));
    expect(screen.getByRole('option').textContent).toContain('/saludo');

    await user.keyboard('{Enter}');
    await waitFor(() => expect(input().value).toBe('Hola Carla, ¿en qué te ayudo?'));
    expect(api.calls.some((c) => c.method === 'POST' && c.path === '/api/v1/conversations/41/snippets/5/render')).toBe(true);
    expect(api.posts().filter((c) => c.path.endsWith('/messages'))).toEqual([]);
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('closes the snippet list on Escape and then sends the text as typed', async () => {
    const user = userEvent.setup();
    const { input } = renderComposer();
    await user.click(input());
    await user.type(input(), '/xyz');
    await screen.findByRole('listbox', { name: /atajos/i });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(api.posts()).toHaveLength(1));
    expect(api.posts()[0]!.body).toEqual({ body: '/xyz' });
  });

  it('in note mode suggests teammates on @ and sends their ids as mentions', async () => {
    const user = userEvent.setup();
    const { input } = renderComposer({ mode: 'note' });
    expect(screen.getByTestId('composer').querySelector('[aria-label="Nota privada para el equipo"]')).not.toBeNull();
    await user.click(input());
    await user.type(input(), 'Revisa esto @an');
    const list = await screen.findByRole('listbox', { name: /personas del equipo/i });
    // Active teammates only, never myself.
    expect(within(list).getAllByRole('option').map((o) => o.textContent)).toEqual(['Ana Pérezana@x.io']);

    await user.keyboard('{Enter}');
    expect(input().value).toBe('Revisa esto @Ana Pérez ');
    expect(api.posts()).toEqual([]);

    await user.type(input(), 'y @bru');
    await screen.findByRole('option', { name: /Bruno Díaz/ });
    await user.keyboard('{Tab}');
    await user.type(input(), 'por favor');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(api.posts()).toHaveLength(1));
    expect(api.posts()[0]).toMatchObject({
      path: '/api/v1/conversations/41/notes',
      body: { body: 'Revisa esto @Ana Pérez y @Bruno Díaz por favor', mentions: [2, 3] },
    });
  });

  it('does not suggest teammates in reply mode', async () => {
    const user = userEvent.setup();
    const { input } = renderComposer({ mode: 'reply' });
    await user.click(input());
    await user.type(input(), 'escribe a @an');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('keeps drafts per conversation and mode across remounts', async () => {
    const user = userEvent.setup();
    const first = renderComposer();
    await user.click(first.input());
    await user.type(first.input(), 'respuesta a medias');
    first.rerenderMode('note');
    expect(first.input().value).toBe('');
    await user.type(first.input(), 'nota a medias');
    first.unmount();

    const again = renderComposer();
    expect(again.input().value).toBe('respuesta a medias');
    again.rerenderMode('note');
    expect(again.input().value).toBe('nota a medias');
    again.unmount();

    const other = renderComposer({ conversation: conversation({ id: 42 }) });
    expect(other.input().value).toBe('');
  });

  it('offers only notes when another agent holds the conversation and only the assignee replies', async () => {
    const user = userEvent.setup();
    const held = conversation({ assignee: { id: 3, name: 'Bruno Díaz', avatarUrl: null } });
    const { input } = renderComposer({ conversation: held, mode: 'reply', me: ownership });
    expect(screen.getByTestId('composer-held').textContent).toContain('Bruno Díaz está atendiendo esta conversación');
    expect((screen.getByRole('radio', { name: 'Responder' }) as HTMLInputElement).disabled).toBe(true);
    await user.click(input());
    await user.type(input(), 'ojo{Enter}');
    await waitFor(() => expect(api.posts()).toHaveLength(1));
    expect(api.posts()[0]!.path).toBe('/api/v1/conversations/41/notes');
  });

  it('without the ownership setting, a reply to a conversation another agent holds goes out', async () => {
    const user = userEvent.setup();
    const held = conversation({ assignee: { id: 3, name: 'Bruno Díaz', avatarUrl: null } });
    const { input } = renderComposer({ conversation: held, mode: 'reply' });
    expect(screen.queryByTestId('composer-held')).toBeNull();
    expect((screen.getByRole('radio', { name: 'Responder' }) as HTMLInputElement).disabled).toBe(false);
    await user.click(input());
    await user.type(input(), 'te ayudo{Enter}');
    await waitFor(() => expect(api.posts()).toHaveLength(1));
    expect(api.posts()[0]!.path).toBe('/api/v1/conversations/41/messages');
  });

  it('with the ownership setting, an unassigned conversation is taken before replying', async () => {
    const user = userEvent.setup();
    const onTakeOver = vi.fn();
    renderComposer({ conversation: conversation({ assignee: null, status: 'queued' }), mode: 'reply', me: ownership, onTakeOver });
    expect(screen.getByTestId('composer-unassigned').textContent).toContain('toma la conversación para responder');
    expect((screen.getByRole('radio', { name: 'Responder' }) as HTMLInputElement).disabled).toBe(true);
    await user.click(within(screen.getByTestId('composer-unassigned')).getByRole('button', { name: 'Tomar' }));
    expect(onTakeOver).toHaveBeenCalledTimes(1);
  });

  it('with the ownership setting, a supervisor is told who holds it and may still reply', () => {
    const held = conversation({ assignee: { id: 3, name: 'Bruno Díaz', avatarUrl: null } });
    renderComposer({ conversation: held, mode: 'reply', me: { ...ownership, role: 'supervisor' } });
    expect(screen.getByTestId('composer-held').textContent).toContain('Como supervisor puedes responder igualmente');
    expect((screen.getByRole('radio', { name: 'Responder' }) as HTMLInputElement).disabled).toBe(false);
  });

  it('offers Reopen and notes only on a closed conversation', () => {
    renderComposer({ conversation: conversation({ status: 'closed' }) });
    expect(screen.getByTestId('composer-closed').textContent).toContain('Esta conversación está cerrada');
    expect((screen.getByRole('radio', { name: 'Responder' }) as HTMLInputElement).disabled).toBe(true);
  });

  it('Ctrl+/ in an empty composer opens the snippet list', async () => {
    const user = userEvent.setup();
    const { input } = renderComposer();
    await user.click(input());
    await user.keyboard('{Control>}/{/Control}');
    expect(input().value).toBe('/');
    await screen.findByRole('listbox', { name: /atajos/i });
  });

  describe('a snippet that resumes the bot', () => {
    // Mantine keeps notifications in a module-wide store: one test's must not show in the next.
    afterEach(() => notifications.clean());
    const useRobot = (botStatus = 200) => {
      api = fakeApi({ withRobot: true, botStatus });
      vi.stubGlobal('fetch', api.fetch);
    };
    const insertRobot = async (user: ReturnType<typeof userEvent.setup>, input: HTMLTextAreaElement) => {
      await user.click(input);
      await user.type(input, '/rob');
      const option = await screen.findByRole('option', { name: /\/robot/ });
      expect(option.textContent).toContain('reactiva el bot');
      await user.keyboard('{Enter}');
      await waitFor(() => expect(input.value).toBe('Te dejo con nuestro asistente, Carla.'));
    };
    const sent = () => api.posts().filter((c) => !c.path.includes('/snippets/')).map((c) => c.path);

    it('marks it in the / menu, and only it', async () => {
      useRobot();
      const user = userEvent.setup();
      const { input } = renderComposer();
      await user.click(input());
      await user.type(input(), '/');
      await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(3));
      expect(screen.getAllByRole('option').map((o) => o.textContent?.includes('reactiva el bot'))).toEqual([false, false, true]);
    });

    it('sends the message and then resumes the bot', async () => {
      useRobot();
      const user = userEvent.setup();
      const { input, onSent } = renderComposer();
      await insertRobot(user, input());
      expect(screen.getByTestId('composer-resume-bot').textContent).toContain('Se reactivará el bot al enviar');
      expect(sent()).toEqual([]);

      await user.keyboard('{Enter}');
      await waitFor(() => expect(sent()).toEqual(['/api/v1/conversations/41/messages', '/api/v1/conversations/41/bot']));
      expect(api.posts().find((c) => c.path.endsWith('/bot'))!.body).toEqual({ active: true });
      expect(onSent).toHaveBeenCalledTimes(1);
      expect(screen.queryByTestId('composer-resume-bot')).toBeNull();

      // Only that message: the next one leaves the bot alone.
      await user.type(input(), 'Algo más{Enter}');
      await waitFor(() => expect(sent()).toHaveLength(3));
      expect(sent()[2]).toBe('/api/v1/conversations/41/messages');
    });

    it('does nothing to the bot when the agent disarms it or empties the draft', async () => {
      useRobot();
      const user = userEvent.setup();
      const { input } = renderComposer();
      await insertRobot(user, input());
      await user.click(screen.getByRole('button', { name: 'No reactivar el bot' }));
      expect(screen.queryByTestId('composer-resume-bot')).toBeNull();
      await user.click(input());
      await user.keyboard('{Enter}');
      await waitFor(() => expect(sent()).toEqual(['/api/v1/conversations/41/messages']));

      // Emptying the draft by hand disarms it too.
      await insertRobot(user, input());
      await user.clear(input());
      expect(screen.queryByTestId('composer-resume-bot')).toBeNull();
      await user.type(input(), 'Otra cosa{Enter}');
      await waitFor(() => expect(sent()).toHaveLength(2));
      expect(sent().some((p) => p.endsWith('/bot'))).toBe(false);
    });

    it('shows the error when the bot cannot be resumed, after the message went out', async () => {
      useRobot(403);
      const user = userEvent.setup();
      const { input } = renderComposer();
      await insertRobot(user, input());
      await user.keyboard('{Enter}');
      expect(await screen.findByText('Se envió el mensaje, pero no se pudo reactivar el bot: No tienes permiso para hacer esto.')).toBeTruthy();
      expect(sent()).toEqual(['/api/v1/conversations/41/messages', '/api/v1/conversations/41/bot']);
      await waitFor(() => expect(input().value).toBe(''));
    });

    it('takes an already active bot as done', async () => {
      useRobot(409);
      const user = userEvent.setup();
      const { input } = renderComposer({ conversation: conversation({ botActive: true }) });
      await insertRobot(user, input());
      await user.keyboard('{Enter}');
      await waitFor(() => expect(sent()).toEqual(['/api/v1/conversations/41/messages', '/api/v1/conversations/41/bot']));
      await new Promise((r) => setTimeout(r, 50));
      expect(screen.queryByText(/no se pudo reactivar el bot/)).toBeNull();
    });
  });
});
