import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api-client';
import { errorMessage } from '../../../app/error-message';
import { conversationKeys, type Conversation } from '../../inbox/conversations.api';
import { storeConversation } from '../conversation-queries';

export interface ActionRun {
  run: () => Promise<Conversation>;
  /** Which button shows the spinner. */
  kind?: string;
  /** Shown instead of the generic text when the server answers 409 (e.g. someone else took it first). */
  conflictMessage?: string;
  success?: string;
}

/**
 * Runs one conversation action and stores the conversation it answers. On a 409 the conversation is
 * refetched, so the pane shows who got there first.
 */
export function useConversationAction(conversationId: number) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ run }: ActionRun) => run(),
    onSuccess: (c, { success }) => {
      storeConversation(queryClient, c);
      if (success) notifications.show({ color: 'teal', message: success });
    },
    onError: (err, { conflictMessage }) => {
      const conflict = err instanceof ApiError && err.status === 409;
      if (conflict) void queryClient.invalidateQueries({ queryKey: conversationKeys.detail(conversationId), exact: true });
      notifications.show({ color: 'red', message: conflict && conflictMessage ? conflictMessage : errorMessage(t, err) });
    },
  });
}

export type ConversationAction = ReturnType<typeof useConversationAction>;
