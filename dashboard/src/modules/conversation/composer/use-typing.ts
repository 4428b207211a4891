import { useCallback, useEffect, useRef, useState } from 'react';
import { useTypingSignal } from '../../../app/realtime/realtime-provider';
import { sendTyping } from '../conversation.api';

/** A typing indicator not renewed for this long goes away (a sender renews it every RENEW_MS while typing). */
const EXPIRE_MS = 6_000;
const RENEW_MS = 3_000;
/** Stopped typing for this long: say so. */
const IDLE_MS = 4_000;

/** The names of the others typing in the conversation now: the customer (web chat) and teammates, never me. */
export function useTypingNames(conversationId: number, myUserId: number): string[] {
  const [typing, setTyping] = useState<Map<string, { name: string; until: number }>>(new Map());
  useTypingSignal((s) => {
    if (s.conversationId !== conversationId || (s.from === 'user' && s.userId === myUserId)) return;
    const key = `${s.from}:${s.userId ?? ''}`;
    setTyping((current) => {
      const next = new Map(current);
      if (s.typing) next.set(key, { name: s.name, until: Date.now() + EXPIRE_MS });
      else next.delete(key);
      return next;
    });
  });
  useEffect(() => setTyping(new Map()), [conversationId]);
  useEffect(() => {
    if (typing.size === 0) return;
    const timer = setInterval(() => setTyping((current) => new Map([...current].filter(([, v]) => v.until > Date.now()))), 1_000);
    return () => clearInterval(timer);
  }, [typing.size]);
  return [...typing.values()].map((v) => v.name);
}

/**
 * Tells the others I am typing a reply: at most one signal every few seconds while keys are pressed, and
 * "stopped" after a pause or when the reply is sent. Notes are private: typing one tells no one.
 */
export function useTypingSender(conversationId: number) {
  const lastSent = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);

  const stop = useCallback(() => {
    if (idle.current) clearTimeout(idle.current);
    idle.current = null;
    if (lastSent.current === 0) return;
    lastSent.current = 0;
    void sendTyping(conversationId, false).catch(() => {});
  }, [conversationId]);

  const typed = useCallback(() => {
    const now = Date.now();
    if (now - lastSent.current > RENEW_MS) {
      lastSent.current = now;
      void sendTyping(conversationId, true).catch(() => {});
    }
    if (idle.current) clearTimeout(idle.current);
    idle.current = setTimeout(stop, IDLE_MS);
  }, [conversationId, stop]);

  useEffect(() => stop, [stop]);
  return { typed, stop };
}
