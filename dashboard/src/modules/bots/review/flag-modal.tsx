import { useState, type FormEvent } from 'react';
import { Alert, Blockquote, Modal, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/error-message';
import { text } from '../../settings/settings-validation';
import { FormActions } from '../../settings/settings-ui';
import { useFlagTurn, type Turn } from '../bot-review.api';

const MAX_NOTE = 1000;

/** "Marcar como incorrecta": the note says what was wrong and what the answer should have been. */
export function FlagModal({ turn, onClose }: { turn: Turn | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={turn !== null} onClose={onClose} title={t('bots.review.flagTitle')} centered size="lg">
      {/* Keyed by turn: each one starts with an empty note and no error. */}
      {turn && <FlagForm key={turn.id} turn={turn} onClose={onClose} />}
    </Modal>
  );
}

function FlagForm({ turn, onClose }: { turn: Turn; onClose: () => void }) {
  const { t } = useTranslation();
  const flag = useFlagTurn();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = text(t, note, MAX_NOTE);
    setNoteError(problem);
    if (problem) return;
    flag.mutate(
      { id: turn.id, note: note.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('bots.review.flagged') });
          onClose();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Blockquote p="xs" data-testid="flag-question">
          {turn.question}
        </Blockquote>
        {flag.isError && (
          <Alert color="red" role="alert">
            {errorMessage(t, flag.error)}
          </Alert>
        )}
        <Textarea
          label={t('bots.review.flagNote')}
          description={t('bots.review.flagNoteHint')}
          value={note}
          onChange={(e) => {
            setNote(e.currentTarget.value);
            setNoteError(undefined);
          }}
          error={noteError}
          autosize
          minRows={3}
          maxRows={8}
          required
          data-autofocus
        />
        <FormActions onCancel={onClose} loading={flag.isPending} submitLabel={t('bots.review.flag')} />
      </Stack>
    </form>
  );
}
