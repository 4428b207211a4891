import { describe, expect, it } from 'vitest';
import { canSeeEvent, isAdminOnlyEvent, type EventScope } from './event-visibility.js';
import { can, type AccessLevel, type Actor, type Role } from './permissions.js';

const WS = 1;
const ME = 10;
const OTHER = 11;
const MY_TEAM = 100;
const OTHER_TEAM = 200;

const actor = (role: Role, accessLevel: AccessLevel, over: Partial<Actor> = {}): Actor => ({
  type: 'user', workspaceId: WS, userId: ME, role, accessLevel, teamIds: [MY_TEAM], ...over,
});
const event = (over: Partial<EventScope> = {}): EventScope => ({
  workspaceId: WS, type: 'message.created', conversationId: 5, teamId: null, assigneeId: null, audience: null, payload: {}, ...over,
});

const scopes = {
  assignedToMe: { teamId: OTHER_TEAM, assigneeId: ME },
  myTeamUnassigned: { teamId: MY_TEAM, assigneeId: null },
  otherTeam: { teamId: OTHER_TEAM, assigneeId: null },
  otherAgent: { teamId: null, assigneeId: OTHER },
} as const;

// The literal expectations; the HTTP rule (can … 'conversation.read') must agree with every one.
const matrix: Array<[Role, AccessLevel, Record<keyof typeof scopes, boolean>]> = [
  ['owner', 'assigned', { assignedToMe: true, myTeamUnassigned: true, otherTeam: true, otherAgent: true }],
  ['admin', 'team', { assignedToMe: true, myTeamUnassigned: true, otherTeam: true, otherAgent: true }],
  ['supervisor', 'all', { assignedToMe: true, myTeamUnassigned: true, otherTeam: true, otherAgent: true }],
  ['supervisor', 'team', { assignedToMe: true, myTeamUnassigned: true, otherTeam: false, otherAgent: false }],
  ['supervisor', 'assigned', { assignedToMe: true, myTeamUnassigned: false, otherTeam: false, otherAgent: false }],
  ['agent', 'all', { assignedToMe: true, myTeamUnassigned: true, otherTeam: true, otherAgent: true }],
  ['agent', 'team', { assignedToMe: true, myTeamUnassigned: true, otherTeam: false, otherAgent: false }],
  ['agent', 'assigned', { assignedToMe: true, myTeamUnassigned: false, otherTeam: false, otherAgent: false }],
];

describe('canSeeEvent', () => {
  describe.each(matrix)('%s with access %s', (role, level, expected) => {
    for (const [name, scope] of Object.entries(scopes) as Array<[keyof typeof scopes, (typeof scopes)[keyof typeof scopes]]>) {
      it(`${expected[name] ? 'sees' : 'does not see'} a conversation ${name}`, () => {
        const a = actor(role, level);
        expect(canSeeEvent(a, event(scope))).toBe(expected[name]);
        expect(can(a, 'conversation.read', { workspaceId: WS, ...scope })).toBe(expected[name]);
      });
    }
  });

  it('never shows another workspace, whatever the role', () => {
    expect(canSeeEvent(actor('owner', 'all'), event({ workspaceId: 2 }))).toBe(false);
    expect(canSeeEvent(actor('owner', 'all'), event({ workspaceId: 2, conversationId: null, type: 'team.created' }))).toBe(false);
    expect(canSeeEvent({ ...actor('admin', 'all'), type: 'system' }, event({ workspaceId: 2 }))).toBe(false);
  });

  it('shows the agent who lost a conversation the event that moved it away (previous scope)', () => {
    const agent = actor('agent', 'assigned');
    const moved = event({ type: 'conversation.assigned', assigneeId: OTHER, teamId: OTHER_TEAM, payload: { previous: { assigneeId: ME, teamId: OTHER_TEAM } } });
    expect(canSeeEvent(agent, moved)).toBe(true);
    const teamAgent = actor('agent', 'team');
    const transferred = event({ type: 'conversation.transferred', teamId: OTHER_TEAM, payload: { previous: { teamId: MY_TEAM, assigneeId: null } } });
    expect(canSeeEvent(teamAgent, transferred)).toBe(true);
    expect(canSeeEvent(actor('agent', 'team', { teamIds: [999] }), transferred)).toBe(false);
  });

  it('treats a key missing from previous as unchanged', () => {
    const teamAgent = actor('agent', 'team');
    // Only the assignee changed; the conversation stays in another team: the team agent still sees nothing.
    const e = event({ teamId: OTHER_TEAM, assigneeId: OTHER, payload: { previous: { assigneeId: null } } });
    expect(canSeeEvent(teamAgent, e)).toBe(false);
    expect(canSeeEvent(actor('agent', 'assigned'), event({ teamId: OTHER_TEAM, assigneeId: OTHER, payload: { previous: { teamId: MY_TEAM } } }))).toBe(false);
  });

  it('ignores a malformed previous', () => {
    expect(canSeeEvent(actor('agent', 'assigned'), event({ assigneeId: OTHER, payload: { previous: 'me' } }))).toBe(false);
    expect(canSeeEvent(actor('agent', 'assigned'), event({ assigneeId: OTHER, payload: { previous: null } }))).toBe(false);
  });

  it('shows a conversation event to the users in its audience (mentions)', () => {
    const agent = actor('agent', 'assigned');
    expect(canSeeEvent(agent, event({ assigneeId: OTHER, audience: [ME] }))).toBe(true);
    expect(canSeeEvent(agent, event({ assigneeId: OTHER, audience: [OTHER, 12] }))).toBe(false);
    expect(canSeeEvent({ ...actor('agent', 'assigned'), type: 'api', userId: null }, event({ assigneeId: OTHER, audience: [ME] }))).toBe(false);
  });

  it('shows events without a conversation to every member, except the admin-only ones', () => {
    const general = event({ conversationId: null, type: 'team.created' });
    for (const [role, level] of matrix) expect(canSeeEvent(actor(role, level), general)).toBe(true);
    for (const type of ['apitoken.created', 'apitoken.revoked', 'channel.secret_rotated', 'invitation.created', 'invitation.accepted']) {
      const secret = event({ conversationId: null, type });
      expect(canSeeEvent(actor('owner', 'all'), secret)).toBe(true);
      expect(canSeeEvent(actor('admin', 'assigned'), secret)).toBe(true);
      expect(canSeeEvent(actor('supervisor', 'all'), secret)).toBe(false);
      expect(canSeeEvent(actor('agent', 'all'), secret)).toBe(false);
    }
  });

  it('shows the bots\' settings and review only to supervisors and up, even about a conversation the agent holds', () => {
    expect(canSeeEvent(actor('agent', 'all'), event({ conversationId: null, type: 'bot.updated' }))).toBe(false);
    expect(canSeeEvent(actor('agent', 'all'), event({ type: 'bot.turn_flagged', assigneeId: ME }))).toBe(false);
    expect(canSeeEvent(actor('supervisor', 'team'), event({ conversationId: null, type: 'bot.updated' }))).toBe(true);
    expect(canSeeEvent(actor('agent', 'all'), event({ type: 'conversation.bot_handed_off' }))).toBe(true);
  });

  it('lets the system see everything of its workspace', () => {
    const system: Actor = { type: 'system', workspaceId: WS, userId: null, role: 'agent', accessLevel: 'assigned', teamIds: [] };
    expect(canSeeEvent(system, event({ assigneeId: OTHER }))).toBe(true);
    expect(canSeeEvent(system, event({ conversationId: null, type: 'apitoken.created' }))).toBe(true);
  });
});

describe('isAdminOnlyEvent', () => {
  it('covers credentials and invitations only', () => {
    expect(isAdminOnlyEvent('apitoken.created')).toBe(true);
    expect(isAdminOnlyEvent('invitation.revoked')).toBe(true);
    expect(isAdminOnlyEvent('channel.secret_rotated')).toBe(true);
    expect(isAdminOnlyEvent('channel.updated')).toBe(false);
    expect(isAdminOnlyEvent('user.invited_count')).toBe(false);
  });
});
