import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { Actor } from '../../modules/auth/permissions.js';
import type { EventRow } from '../events/event-types.js';
import { OutgoingEvent, RealtimeClient } from './realtime-client.js';

const admin: Actor = { type: 'user', workspaceId: 1, userId: 7, role: 'admin', accessLevel: 'all', teamIds: [] };

function event(id: number): OutgoingEvent {
  const row = {
    id, workspaceId: 1, type: 'message.created', conversationId: 3, teamId: null, assigneeId: null, audience: null,
    actorType: 'contact', actorId: 4, payload: {}, createdAt: new Date('2026-11-22T10:00:00Z'),
  } as EventRow;
  return new OutgoingEvent(row);
}

/** Records what reaches the TCP socket: frames written while it is corked leave together at uncork. */
function wire() {
  const writes: string[][] = [];
  let corks = 0;
  let held: string[] = [];
  const ws = {
    OPEN: 1, readyState: 1, bufferedAmount: 0,
    send(data: Buffer) {
      held.push(JSON.parse(String(data)).event.id);
      if (corks === 0) writes.push(held.splice(0));
    },
    close() {},
  } as unknown as WebSocket;
  const transport = {
    cork: () => void corks++,
    uncork: () => {
      if (--corks === 0 && held.length) writes.push(held.splice(0));
    },
  };
  return { ws, transport, writes };
}

describe('RealtimeClient', () => {
  it("writes a hub batch's frames to its socket in one write, at flush", () => {
    const { ws, transport, writes } = wire();
    const client = new RealtimeClient(ws, admin, transport);
    client.topics.set('workspace', { kind: 'workspace' });
    client.goLive();
    for (const id of [1, 2, 3]) client.offer(event(id));
    expect(writes).toEqual([]);
    client.flush();
    expect(writes).toEqual([[1, 2, 3]]);
    client.offer(event(4));
    client.flush();
    expect(writes).toEqual([[1, 2, 3], [4]]);
  });

  it('sends a replay at once, frame by frame, and never leaves its socket corked', () => {
    const { ws, transport, writes } = wire();
    const client = new RealtimeClient(ws, admin, transport);
    client.topics.set('workspace', { kind: 'workspace' });
    client.state = 'replaying';
    client.deliver(event(1));
    client.offer(event(2)); // live traffic during the replay: held, sent when it ends
    expect(writes).toEqual([[1]]);
    client.goLive();
    expect(writes).toEqual([[1], [2]]);
  });

  it('writes what it held when it is closed', () => {
    const { ws, transport, writes } = wire();
    const client = new RealtimeClient(ws, admin, transport);
    client.topics.set('workspace', { kind: 'workspace' });
    client.goLive();
    client.offer(event(1));
    client.close(4008, 'Too far behind');
    expect(writes).toEqual([[1]]);
  });
});
