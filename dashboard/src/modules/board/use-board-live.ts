import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useRealtimeEvent } from '../../app/realtime/realtime-provider';
import { boardKey } from './board.api';
import { changesBoard, throttle } from './board-logic';

/** At most one board refetch a second, however busy the workspace. */
export const BOARD_REFETCH_MS = 1000;

/** Refetches the board when conversations move or members change status. */
export function useBoardLive() {
  const queryClient = useQueryClient();
  const [refetch] = useState(() => throttle(() => void queryClient.invalidateQueries({ queryKey: boardKey }), BOARD_REFETCH_MS));
  useEffect(() => () => refetch.cancel(), [refetch]);
  useRealtimeEvent((event) => {
    if (changesBoard(event.type)) refetch.call();
  });
}
