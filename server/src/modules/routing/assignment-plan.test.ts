import { describe, expect, it } from 'vitest';
import { planAssignments, type AgentLoad, type Candidate, type TeamQueue } from './assignment-plan.js';

const now = new Date('2026-11-23T10:00:00Z');
const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
const queue = (ids: number[], over: Partial<TeamQueue> = {}): TeamQueue => ({ teamId: 1, policy: 'round_robin', maxPerAgent: null, waiting: ids.map((conversationId) => ({ conversationId })), ...over });
const agent = (userId: number, over: Partial<Candidate> = {}): Candidate => ({ userId, teamId: 1, openInTeam: 0, lastAssignedAt: null, ...over });
const load = (userId: number, open = 0, maxConversations: number | null = null): AgentLoad => ({ userId, open, maxConversations });
const owners = (plan: { conversationId: number; userId: number }[]) => plan.map((p) => [p.conversationId, p.userId]);

describe('automatic assignment', () => {
  it('round robin starts with the agent the team assigned longest ago (never first) and goes round in turn', () => {
    const agents = [agent(1, { lastAssignedAt: at(1) }), agent(2, { lastAssignedAt: at(30) }), agent(3)];
    const plan = planAssignments([queue([10, 11, 12, 13, 14])], agents, [load(1), load(2), load(3)], now);
    expect(owners(plan)).toEqual([[10, 3], [11, 2], [12, 1], [13, 3], [14, 2]]);
  });

  it('least busy gives each conversation to the agent with the fewest open ones, all teams counted', () => {
    const agents = [agent(1), agent(2), agent(3)];
    const plan = planAssignments([queue([10, 11, 12, 13], { policy: 'least_busy' })], agents, [load(1, 3), load(2, 1), load(3, 2)], now);
    // 2 has 1 → gets 10 (2 open), ties 2 and 3 at two: 3 was assigned longer ago (never) → 11, then 2 → 12 …
    expect(owners(plan)).toEqual([[10, 2], [11, 3], [12, 2], [13, 1]]);
  });

  it('never gives an agent more than the team allows, nor more than their own limit across teams', () => {
    const agents = [agent(1, { openInTeam: 1 }), agent(2)];
    const plan = planAssignments([queue([10, 11, 12, 13, 14], { maxPerAgent: 2 })], agents, [load(1, 1), load(2, 4, 5)], now);
    // 1 has room for one more in this team; 2 has room for one more overall.
    expect(owners(plan)).toEqual([[10, 1], [11, 2]]);
  });

  it('shares an agent\'s load between the teams being served in the same round', () => {
    const agents = [agent(1, { teamId: 1 }), agent(1, { teamId: 2 })];
    const plan = planAssignments([queue([10, 11]), queue([20, 21], { teamId: 2 })], agents, [load(1, 0, 3)], now);
    expect(owners(plan)).toEqual([[10, 1], [11, 1], [20, 1]]);
  });

  it('serves the queue in order: when nobody has room the rest wait behind the first', () => {
    const plan = planAssignments([queue([10, 11, 12], { maxPerAgent: 1 })], [agent(1), agent(2)], [load(1), load(2)], now);
    expect(plan.map((p) => p.conversationId)).toEqual([10, 11]);
  });

  it('keeps a conversation from the agent who did not answer it; if only they have room it waits and the next goes on', () => {
    const q = queue([10, 11]);
    q.waiting[0].excludedUserId = 1;
    expect(owners(planAssignments([q], [agent(1), agent(2, { lastAssignedAt: at(1) })], [load(1), load(2)], now))).toEqual([[10, 2], [11, 1]]);
    expect(owners(planAssignments([q], [agent(1)], [load(1)], now))).toEqual([[11, 1]]);
  });

  it('leaves manual teams and teams without eligible agents alone', () => {
    expect(planAssignments([queue([10], { policy: 'manual' })], [agent(1)], [load(1)], now)).toEqual([]);
    expect(planAssignments([queue([10])], [], [], now)).toEqual([]);
  });
});
