import { useCallback, useRef, useState } from 'react';
import { ActionIcon, Box, CloseButton, FileButton, Group, Loader, Paper, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/error-message';
import { uploadAttachment, type Attachment } from '../conversation.api';
import { AlertIcon, FileIcon, PaperclipIcon } from '../icons';
import { formatBytes } from '../pane-format';

/** The server takes up to 10 files per reply. */
export const MAX_ATTACHMENTS = 10;

export interface PendingUpload {
  key: string;
  name: string;
  size: number;
  error: string | null;
}

let uploadSeq = 0;

/** Files being uploaded to POST /attachments; each finished one is handed to `onDone` (the draft). */
export function useUploads(onDone: (a: Attachment) => void) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<PendingUpload[]>([]);
  const done = useRef(onDone);
  done.current = onDone;

  const start = useCallback(
    (files: File[]) => {
      for (const file of files) {
        const key = `u${++uploadSeq}`;
        setPending((p) => [...p, { key, name: file.name, size: file.size, error: null }]);
        // Leaving the conversation does not cancel an upload: it finishes into the stored draft.
        uploadAttachment(file)
          .then((attachment) => {
            setPending((p) => p.filter((u) => u.key !== key));
            done.current(attachment);
          })
          .catch((err: unknown) => {
            setPending((p) => p.map((u) => (u.key === key ? { ...u, error: errorMessage(t, err) } : u)));
          });
      }
    },
    [t],
  );
  const dismiss = useCallback((key: string) => setPending((p) => p.filter((u) => u.key !== key)), []);
  return { pending, start, dismiss, busy: pending.some((u) => u.error === null) };
}

interface ChipsProps {
  attachments: Attachment[];
  pending: PendingUpload[];
  onRemove: (id: number) => void;
  onDismiss: (key: string) => void;
}

export function AttachmentChips({ attachments, pending, onRemove, onDismiss }: ChipsProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'es';
  if (!attachments.length && !pending.length) return null;
  return (
    <Group gap={6} px="sm" pb={6} wrap="wrap" aria-label={t('conversation.composer.attachments')}>
      {attachments.map((a) => (
        <Chip key={a.id} name={a.filename} detail={formatBytes(a.size, language)} onClose={() => onRemove(a.id)} closeLabel={t('conversation.composer.removeFile', { name: a.filename })} />
      ))}
      {pending.map((u) => (
        <Chip
          key={u.key}
          name={u.name}
          detail={u.error ?? formatBytes(u.size, language)}
          error={u.error !== null}
          busy={u.error === null}
          onClose={u.error !== null ? () => onDismiss(u.key) : undefined}
          closeLabel={t('conversation.composer.removeFile', { name: u.name })}
        />
      ))}
    </Group>
  );
}

function Chip({ name, detail, error, busy, onClose, closeLabel }: { name: string; detail: string; error?: boolean; busy?: boolean; onClose?: () => void; closeLabel: string }) {
  return (
    <Paper withBorder radius="xl" pl={8} pr={onClose ? 2 : 10} py={2} maw={260} style={{ borderColor: error ? 'var(--mantine-color-red-5)' : undefined }} data-testid="attachment-chip">
      <Group gap={6} wrap="nowrap">
        {busy ? <Loader size={12} /> : error ? <AlertIcon size={14} color="var(--mantine-color-red-6)" /> : <FileIcon size={14} />}
        <Box miw={0}>
          <Tooltip label={detail} withinPortal>
            <Text size="xs" truncate>
              {name}
            </Text>
          </Tooltip>
        </Box>
        {onClose && <CloseButton size="sm" onClick={onClose} aria-label={closeLabel} />}
      </Group>
    </Paper>
  );
}

/** The paperclip: picks files for the reply. */
export function AttachButton({ onFiles, disabled }: { onFiles: (files: File[]) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <FileButton onChange={(picked) => onFiles(picked ?? [])} multiple>
      {(props) => (
        <Tooltip label={t('conversation.composer.attach')} withinPortal>
          <ActionIcon {...props} variant="subtle" color="gray" aria-label={t('conversation.composer.attach')} disabled={disabled}>
            <PaperclipIcon />
          </ActionIcon>
        </Tooltip>
      )}
    </FileButton>
  );
}
