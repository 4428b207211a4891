import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs` (waiting times tick without re-rendering on every second). */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export type WaitingLevel = 'fresh' | 'warning' | 'late';

export interface Waiting {
  /** Whole minutes, hours and days, the largest two units that matter. */
  days: number;
  hours: number;
  minutes: number;
  level: WaitingLevel;
}

/** Thresholds for colouring a wait: under 15 minutes is fine, over an hour is late. */
export const WARNING_AFTER_MS = 15 * 60_000;
export const LATE_AFTER_MS = 60 * 60_000;

/**
 * How long the customer has been waiting: since their last message, while the conversation is in the
 * team's hands (not closed, snoozed or with the bot). Null when nobody is waiting.
 */
export function waitingSince(c: { status: string; lastInboundAt: string | null }): string | null {
  if (!c.lastInboundAt || c.status === 'closed' || c.status === 'snoozed' || c.status === 'bot') return null;
  return c.lastInboundAt;
}

export function waiting(since: string, now: number): Waiting | null {
  const at = new Date(since).getTime();
  if (Number.isNaN(at)) return null;
  const ms = Math.max(0, now - at);
  const totalMinutes = Math.floor(ms / 60_000);
  return {
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
    level: ms >= LATE_AFTER_MS ? 'late' : ms >= WARNING_AFTER_MS ? 'warning' : 'fresh',
  };
}

/** "ahora", "4 min", "2 h 5 min", "3 d 4 h": compact enough for a card, with unit words from the translations. */
export function formatWaiting(w: Waiting, units: { now: string; min: string; h: string; d: string }): string {
  if (w.days > 0) return w.hours > 0 ? `${w.days} ${units.d} ${w.hours} ${units.h}` : `${w.days} ${units.d}`;
  if (w.hours > 0) return w.minutes > 0 ? `${w.hours} ${units.h} ${w.minutes} ${units.min}` : `${w.hours} ${units.h}`;
  if (w.minutes > 0) return `${w.minutes} ${units.min}`;
  return units.now;
}
