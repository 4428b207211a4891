import { type Actor, atLeast } from '../../modules/auth/permissions.js';
import type { EventRow } from '../events/event-types.js';

/** What a socket subscribes to: the whole workspace, or one team, conversation or user. */
export type Topic = { kind: 'workspace' } | { kind: 'team' | 'conversation' | 'user'; id: number };

const pattern = /^(team|conversation|user):([1-9][0-9]{0,15})$/;

export function parseTopic(s: string): Topic | null {
  if (s === 'workspace') return { kind: 'workspace' };
  const m = pattern.exec(s);
  if (!m) return null;
  const id = Number(m[2]);
  return Number.isSafeInteger(id) ? { kind: m[1] as 'team' | 'conversation' | 'user', id } : null;
}

/** A user topic carries someone's mentions and assignments: only their own, unless admin or owner. */
export function canSubscribe(actor: Actor, topic: Topic): boolean {
  if (topic.kind !== 'user') return true;
  return topic.id === actor.userId || atLeast(actor, 'admin');
}

export type TopicEvent = Pick<EventRow, 'conversationId' | 'teamId' | 'assigneeId' | 'audience'>;

/** Does the event belong to the topic? (Whether the actor may see it is canSeeEvent's question.) */
export function topicMatches(topic: Topic, e: TopicEvent): boolean {
  switch (topic.kind) {
    case 'workspace':
      return true;
    case 'conversation':
      return e.conversationId === topic.id;
    case 'team':
      return e.teamId === topic.id;
    case 'user':
      return e.assigneeId === topic.id || (e.audience ?? []).includes(topic.id);
  }
}

export function matchesAny(topics: Iterable<Topic>, e: TopicEvent): boolean {
  for (const t of topics) if (topicMatches(t, e)) return true;
  return false;
}
