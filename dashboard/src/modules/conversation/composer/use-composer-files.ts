import { useState, type ClipboardEvent, type DragEvent } from 'react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { MAX_ATTACHMENTS } from './attachment-chips';

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/** Files into a reply from the button, a paste or a drop; notes take none, and a reply at most ten. */
export function useComposerFiles({ enabled, room, start }: { enabled: boolean; room: number; start: (files: File[]) => void }) {
  const { t } = useTranslation();
  const [dragging, setDragging] = useState(false);
  const add = (files: File[]) => {
    if (!files.length) return;
    if (!enabled) {
      notifications.show({ message: t('conversation.composer.filesOnlyInReplies') });
      return;
    }
    if (files.length > room) notifications.show({ color: 'yellow', message: t('conversation.composer.tooManyFiles', { count: MAX_ATTACHMENTS }) });
    start(files.slice(0, Math.max(0, room)));
  };
  return {
    add,
    dragging,
    onPaste: (e: ClipboardEvent) => {
      const files = Array.from(e.clipboardData?.files ?? []);
      if (files.length) {
        e.preventDefault();
        add(files);
      }
    },
    dropZone: {
      onDragOver: (e: DragEvent) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(true);
      },
      onDragLeave: () => setDragging(false),
      onDrop: (e: DragEvent) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(false);
        add(Array.from(e.dataTransfer.files));
      },
    },
  };
}
