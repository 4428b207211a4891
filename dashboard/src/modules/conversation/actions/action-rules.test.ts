import { describe, expect, it } from 'vitest';
import type { ConversationStatus } from '../../inbox/conversations.api';
import { availableActions } from './action-bar';

const ana = { id: 1, name: 'Ana', avatarUrl: null };
const bruno = { id: 2, name: 'Bruno', avatarUrl: null };
const conv = (status: ConversationStatus, assignee: typeof ana | null) => ({ status, assignee });
const agent = { id: 1, role: 'agent' as const };
const supervisor = { id: 1, role: 'supervisor' as const };

// composerAccess (the composer's ownership rule) is tested in composer/composer-rules.test.ts.

describe('availableActions', () => {
  it('queued and unassigned: take, snooze, close', () => {
    expect(availableActions(conv('queued', null), agent)).toEqual({ take: true, takeOver: false, return: false, close: true, reopen: false, snooze: true });
  });
  it('mine and open: return instead of take', () => {
    expect(availableActions(conv('open', ana), agent)).toMatchObject({ take: false, return: true, close: true });
  });
  it("another agent's: nothing to take for agents, take over for supervisors", () => {
    expect(availableActions(conv('open', bruno), agent)).toMatchObject({ take: false, takeOver: false, return: false });
    expect(availableActions(conv('open', bruno), supervisor)).toMatchObject({ take: true, takeOver: true, return: true });
  });
  it('closed: only reopen', () => {
    expect(availableActions(conv('closed', ana), agent)).toEqual({ take: false, takeOver: false, return: false, close: false, reopen: true, snooze: false });
  });
  it('my snoozed conversation: resumed from the snooze menu, not Take', () => {
    expect(availableActions(conv('snoozed', ana), agent)).toMatchObject({ take: false, snooze: true, return: true });
  });
});
