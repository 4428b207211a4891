import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useMe } from '../../app/auth';
import { createPresenceLoop, IDLE_AFTER_MS } from './idle-tracker';
import { rememberStatus, sendHeartbeat } from './presence.api';

const activityEvents = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart', 'focus'] as const;

/**
 * While the dashboard is open: a heartbeat every 30 s, idle after the workspace's auto-away minutes (5 unless set)
 * without keyboard, mouse or focus activity (the server turns an automatic "online" into "away", and after its
 * auto-offline minutes into "offline"), and back at once on the next activity.
 */
export function usePresence() {
  const queryClient = useQueryClient();
  const autoAwayMinutes = useMe().data?.workspace?.autoAwayMinutes;
  const idleAfterMs = autoAwayMinutes ? autoAwayMinutes * 60_000 : IDLE_AFTER_MS;
  useEffect(() => {
    const loop = createPresenceLoop({
      idleAfterMs,
      send: (idle) => {
        sendHeartbeat(idle).then(
          ({ status }) => rememberStatus(queryClient, status),
          // A missed beat is harmless: the next one follows in 30 s.
          () => undefined,
        );
      },
    });
    const onActivity = () => loop.activity();
    const onVisibility = () => {
      if (document.visibilityState === 'visible') loop.activity();
    };
    for (const type of activityEvents) window.addEventListener(type, onActivity, { passive: true, capture: true });
    document.addEventListener('visibilitychange', onVisibility);
    loop.start();
    return () => {
      loop.stop();
      for (const type of activityEvents) window.removeEventListener(type, onActivity, { capture: true });
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [queryClient, idleAfterMs]);
}
