import { useState } from 'react';
import { Button, FileButton, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { uploadAttachment } from '../../conversation/conversation.api';
import { errorMessage } from '../../../app/error-message';

/** The file an answer sends with its text (an image, a PDF): uploaded once, sent with every answer. */
export function AnswerFile({ attached, name, onChange }: { attached: boolean; name: string | null; onChange: (file: { id: number; filename: string } | null) => void }) {
  const { t } = useTranslation();
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pick = async (file: File | null) => {
    if (!file) return;
    setUploading(true);
    setError(null);
    try {
      const uploaded = await uploadAttachment(file);
      onChange({ id: uploaded.id, filename: uploaded.filename });
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setUploading(false);
    }
  };
  return (
    <Group gap="sm" align="center">
      <FileButton onChange={(file) => void pick(file)}>
        {(props) => (
          <Button {...props} variant="light" size="xs" loading={uploading}>
            {attached ? t('bots.intent.replaceFile') : t('bots.intent.attachFile')}
          </Button>
        )}
      </FileButton>
      {attached && (
        <>
          <Text size="sm" data-testid="answer-file">
            {name ?? t('bots.intent.fileAttached')}
          </Text>
          <Button variant="subtle" color="red" size="xs" onClick={() => onChange(null)}>
            {t('bots.intent.removeFile')}
          </Button>
        </>
      )}
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
    </Group>
  );
}
