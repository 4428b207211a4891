import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatWaiting, waiting, type Waiting } from '../inbox/waiting-time';

/** "12 min", "1 h 5 min" since an instant, as of `now`, with the board's unit words; null without an instant. */
export function useWaitText() {
  const { t } = useTranslation();
  return useCallback(
    (since: string | null, now: number): { text: string; level: Waiting['level'] } | null => {
      const w = since ? waiting(since, now) : null;
      if (!w) return null;
      return { text: formatWaiting(w, { now: t('board.units.now'), min: t('board.units.min'), h: t('board.units.h'), d: t('board.units.d') }), level: w.level };
    },
    [t],
  );
}
