import { describe, expect, it } from 'vitest';
import { canSubscribe, matchesAny, parseTopic, topicMatches, type TopicEvent } from './topics.js';
import type { Actor, Role } from '../../modules/auth/permissions.js';

const actor = (role: Role, userId: number | null = 10): Actor => ({ type: userId === null ? 'api' : 'user', workspaceId: 1, userId, role, accessLevel: 'all', teamIds: [] });
const event = (over: Partial<TopicEvent> = {}): TopicEvent => ({ conversationId: 5, teamId: 7, assigneeId: 10, audience: null, ...over });

describe('parseTopic', () => {
  it('reads the four kinds', () => {
    expect(parseTopic('workspace')).toEqual({ kind: 'workspace' });
    expect(parseTopic('team:7')).toEqual({ kind: 'team', id: 7 });
    expect(parseTopic('conversation:123')).toEqual({ kind: 'conversation', id: 123 });
    expect(parseTopic('user:10')).toEqual({ kind: 'user', id: 10 });
  });
  it('refuses anything else', () => {
    for (const bad of ['', 'workspace:1', 'team', 'team:', 'team:0', 'team:-1', 'team:01', 'team:1.5', 'team:abc', 'channel:1', ' team:1', 'team:99999999999999999', 'TEAM:1']) {
      expect(parseTopic(bad), bad).toBeNull();
    }
  });
});

describe('canSubscribe', () => {
  it('lets anyone subscribe to workspace, team and conversation topics', () => {
    for (const t of ['workspace', 'team:1', 'conversation:1']) expect(canSubscribe(actor('agent'), parseTopic(t)!)).toBe(true);
  });
  it('limits user topics to the own user unless admin or owner', () => {
    expect(canSubscribe(actor('agent'), parseTopic('user:10')!)).toBe(true);
    expect(canSubscribe(actor('agent'), parseTopic('user:11')!)).toBe(false);
    expect(canSubscribe(actor('supervisor'), parseTopic('user:11')!)).toBe(false);
    expect(canSubscribe(actor('admin'), parseTopic('user:11')!)).toBe(true);
    expect(canSubscribe(actor('owner'), parseTopic('user:11')!)).toBe(true);
    expect(canSubscribe(actor('agent', null), parseTopic('user:10')!)).toBe(false);
  });
});

describe('topicMatches', () => {
  it('workspace matches every event', () => {
    expect(topicMatches({ kind: 'workspace' }, event({ conversationId: null, teamId: null, assigneeId: null }))).toBe(true);
  });
  it('conversation matches by conversation id', () => {
    expect(topicMatches({ kind: 'conversation', id: 5 }, event())).toBe(true);
    expect(topicMatches({ kind: 'conversation', id: 6 }, event())).toBe(false);
    expect(topicMatches({ kind: 'conversation', id: 5 }, event({ conversationId: null }))).toBe(false);
  });
  it('team matches by team id', () => {
    expect(topicMatches({ kind: 'team', id: 7 }, event())).toBe(true);
    expect(topicMatches({ kind: 'team', id: 8 }, event())).toBe(false);
    expect(topicMatches({ kind: 'team', id: 7 }, event({ teamId: null }))).toBe(false);
  });
  it('user matches by assignee or audience', () => {
    expect(topicMatches({ kind: 'user', id: 10 }, event())).toBe(true);
    expect(topicMatches({ kind: 'user', id: 11 }, event())).toBe(false);
    expect(topicMatches({ kind: 'user', id: 11 }, event({ audience: [12, 11] }))).toBe(true);
    expect(topicMatches({ kind: 'user', id: 11 }, event({ assigneeId: null, audience: null }))).toBe(false);
  });
  it('matchesAny is true when one topic matches', () => {
    expect(matchesAny([{ kind: 'team', id: 8 }, { kind: 'conversation', id: 5 }], event())).toBe(true);
    expect(matchesAny([{ kind: 'team', id: 8 }, { kind: 'conversation', id: 6 }], event())).toBe(false);
    expect(matchesAny([], event())).toBe(false);
  });
});
