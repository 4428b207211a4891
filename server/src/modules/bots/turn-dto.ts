import type { TurnView } from './bots.repo.js';
import type { TurnDto } from './bot-review.schemas.js';

export const toTurnDto = (t: TurnView): TurnDto => ({
  id: t.id,
  conversationId: t.conversationId,
  contact: { id: t.contactId, name: t.contactName },
  botId: t.botId,
  question: t.question,
  answer: t.answer,
  intent: t.intentName ? { id: t.intentId, name: t.intentName } : null,
  confidence: t.confidence === null ? null : Math.round(t.confidence * 100) / 100,
  outcome: t.outcome,
  handoffReason: t.handoffReason,
  flagged: t.flagged,
  flagNote: t.flagNote,
  flaggedBy: t.flaggedBy && t.flaggedByName !== null ? { id: t.flaggedBy, name: t.flaggedByName } : null,
  flaggedAt: t.flaggedAt?.toISOString() ?? null,
  createdAt: t.createdAt.toISOString(),
});
