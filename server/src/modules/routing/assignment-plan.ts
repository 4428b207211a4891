/**
 * Who gets which waiting conversation: the pure decision of automatic assignment, with no I/O, so every
 * policy and option is tested without a database. The caller loads the queues and the agents under the
 * workspace's routing lock and applies the plan in the same transaction.
 */
export type AssignmentPolicy = 'manual' | 'round_robin' | 'least_busy';

export interface TeamQueue {
  teamId: number;
  policy: AssignmentPolicy;
  /** Most open conversations of this team per agent; null: no limit. */
  maxPerAgent: number | null;
  /** Waiting conversations in the order they are served (priority, then time in the queue). */
  waiting: { conversationId: number; excludedUserId?: number | null }[];
}

/** An agent who may be assigned by one team: their load is shared by every team they belong to. */
export interface Candidate {
  userId: number;
  teamId: number;
  /** Open conversations assigned to them in this team. */
  openInTeam: number;
  /** When this team last assigned them one automatically; null: never. */
  lastAssignedAt: Date | null;
}

export interface AgentLoad {
  userId: number;
  /** Open conversations assigned to them, all teams together. */
  open: number;
  /** Their overall limit; null: no limit. */
  maxConversations: number | null;
}

export interface Assignment {
  conversationId: number;
  teamId: number;
  userId: number;
}

const free = (max: number | null, used: number) => (max === null ? Infinity : max - used);

/**
 * Serves each team's queue in order while some agent has room. Round robin gives the next conversation to
 * the agent the team assigned longest ago; least busy to the agent with the fewest open conversations (ties:
 * longest ago, then lowest id, so the result is deterministic). A conversation that nobody may take (every
 * agent full, or only the one it must avoid) stops that team's queue: later ones wait behind it, in order.
 */
export function planAssignments(queues: TeamQueue[], candidates: Candidate[], loads: AgentLoad[], now: Date): Assignment[] {
  const load = new Map(loads.map((l) => [l.userId, { ...l }]));
  const plan: Assignment[] = [];
  let tick = 0;
  for (const queue of queues) {
    if (queue.policy === 'manual') continue;
    const agents = candidates.filter((c) => c.teamId === queue.teamId && load.has(c.userId)).map((c) => ({ ...c }));
    for (const item of queue.waiting) {
      const withRoom = agents.filter((a) => {
        const overall = load.get(a.userId)!;
        return free(queue.maxPerAgent, a.openInTeam) > 0 && free(overall.maxConversations, overall.open) > 0;
      });
      const eligible = withRoom.filter((a) => a.userId !== item.excludedUserId);
      if (eligible.length === 0) {
        if (withRoom.length > 0) continue; // only the agent it must avoid has room: it waits, the next ones go on
        break;
      }
      const chosen = eligible.sort((a, b) => compare(queue.policy, a, b, load))[0];
      plan.push({ conversationId: item.conversationId, teamId: queue.teamId, userId: chosen.userId });
      chosen.openInTeam += 1;
      chosen.lastAssignedAt = new Date(now.getTime() + tick++); // keeps the order of assignments made within one instant
      load.get(chosen.userId)!.open += 1;
    }
  }
  return plan;
}

function compare(policy: AssignmentPolicy, a: Candidate, b: Candidate, load: Map<number, AgentLoad>): number {
  if (policy === 'least_busy') {
    const byLoad = load.get(a.userId)!.open - load.get(b.userId)!.open;
    if (byLoad !== 0) return byLoad;
  }
  const at = (c: Candidate) => c.lastAssignedAt?.getTime() ?? Number.MIN_SAFE_INTEGER;
  return at(a) - at(b) || a.userId - b.userId;
}
