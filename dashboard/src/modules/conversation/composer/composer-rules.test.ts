import { describe, expect, it } from 'vitest';
import type { ConversationStatus } from '../../inbox/conversations.api';
import { composerAccess, composerViewer } from './composer-rules';

const ana = { id: 1, name: 'Ana', avatarUrl: null };
const bruno = { id: 2, name: 'Bruno', avatarUrl: null };
const conv = (status: ConversationStatus, assignee: typeof ana | null) => ({ status, assignee });
const agent = { id: 1, role: 'agent' as const };
const supervisor = { id: 1, role: 'supervisor' as const };
const owned = <T extends object>(viewer: T) => ({ ...viewer, onlyAssigneeReplies: true });

describe('composerAccess', () => {
  it('without the ownership setting anyone who sees it replies, held or not', () => {
    expect(composerAccess(conv('open', ana), agent)).toMatchObject({ reply: true, reason: null });
    expect(composerAccess(conv('queued', null), agent)).toMatchObject({ reply: true, reason: null });
    expect(composerAccess(conv('bot', null), agent).reply).toBe(true);
    expect(composerAccess(conv('open', bruno), agent)).toEqual({ reply: true, reason: null, holder: null, mayTakeOver: false });
    expect(composerAccess(conv('open', bruno), { ...agent, onlyAssigneeReplies: false }).reply).toBe(true);
  });

  it('with it, the assignee replies; another agent gets notes only, a supervisor may reply and take over', () => {
    expect(composerAccess(conv('open', ana), owned(agent))).toMatchObject({ reply: true, reason: null });
    expect(composerAccess(conv('open', bruno), owned(agent))).toEqual({ reply: false, reason: 'held', holder: { id: 2, name: 'Bruno' }, mayTakeOver: false });
    expect(composerAccess(conv('snoozed', bruno), owned(supervisor))).toEqual({ reply: true, reason: 'held', holder: { id: 2, name: 'Bruno' }, mayTakeOver: true });
    expect(composerAccess(conv('open', bruno), owned({ id: 1, role: 'admin' as const })).reply).toBe(true);
  });

  it('with it, an agent takes an unassigned conversation before replying; a supervisor replies (and takes it)', () => {
    expect(composerAccess(conv('queued', null), owned(agent))).toEqual({ reply: false, reason: 'unassigned', holder: null, mayTakeOver: false });
    expect(composerAccess(conv('bot', null), owned(agent)).reason).toBe('unassigned');
    expect(composerAccess(conv('queued', null), owned(supervisor))).toMatchObject({ reply: true, reason: null });
  });

  it('offers notes and reopen on a closed conversation, whatever the setting', () => {
    expect(composerAccess(conv('closed', ana), agent)).toMatchObject({ reply: false, reason: 'closed' });
    expect(composerAccess(conv('closed', null), owned(supervisor))).toMatchObject({ reply: false, reason: 'closed' });
  });

  it("reads the setting from the session's workspace", () => {
    const me = { user: { id: 7, name: 'Yo', email: 'y@x.io', language: 'es' }, role: 'agent' as const, accessLevel: 'all' as const, teamIds: [], workspaces: [] };
    expect(composerViewer({ ...me, workspace: { id: 1, name: 'W', timezone: 'UTC', language: 'es', onlyAssigneeReplies: true } })).toEqual({ id: 7, role: 'agent', onlyAssigneeReplies: true });
    expect(composerViewer({ ...me, workspace: { id: 1, name: 'W', timezone: 'UTC', language: 'es' } }).onlyAssigneeReplies).toBe(false);
  });
});
