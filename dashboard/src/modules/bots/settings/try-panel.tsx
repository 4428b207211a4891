import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/error-message';
import { useTryBot, type TryResult } from '../bots.api';
import { confidencePercent } from '../confidence';

/** "Probar": what the built-in bot would answer to a message, from the matrix as saved (nothing is written). */
export function TryPanel({ botId }: { botId: number }) {
  const { t } = useTranslation();
  const attempt = useTryBot(botId);
  const [text, setText] = useState('');
  const [asked, setAsked] = useState<string | null>(null);

  const ask = (message: string, payload?: string) => {
    setAsked(message);
    attempt.mutate({ text: message, ...(payload && { payload }) });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) ask(text.trim());
  };

  return (
    <Paper withBorder p="md" data-testid="try-panel">
      <Stack gap="sm">
        <div>
          <Title order={4}>{t('bots.try.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('bots.try.hint')}
          </Text>
        </div>
        <form onSubmit={submit}>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput label={t('bots.try.message')} placeholder={t('bots.try.placeholder')} value={text} onChange={(e) => setText(e.currentTarget.value)} maxLength={4000} style={{ flex: 1 }} />
            <Button type="submit" loading={attempt.isPending} disabled={!text.trim()}>
              {t('bots.try.send')}
            </Button>
          </Group>
        </form>
        {attempt.isError && (
          <Alert color="red" role="alert">
            {errorMessage(t, attempt.error)}
          </Alert>
        )}
        {attempt.data && asked !== null && <TryAnswer asked={asked} result={attempt.data} onTap={ask} />}
      </Stack>
    </Paper>
  );
}

/** The replies (a tap on one of their buttons tries it, as a customer's tap would), the intent and how sure the bot was. */
function TryAnswer({ asked, result, onTap }: { asked: string; result: TryResult; onTap: (title: string, id: string) => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="try-result">
      <Text size="sm" c="dimmed">
        {t('bots.try.asked', { text: asked })}
      </Text>
      {result.replies.map((reply, index) => (
        <Paper key={index} bg="gray.0" p="sm" radius="md">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {reply.text}
          </Text>
          {reply.buttons && reply.buttons.length > 0 && (
            <Group gap={6} mt="xs">
              {reply.buttons.map((button) => (
                <Button key={button.id} size="compact-xs" variant="default" onClick={() => onTap(button.title, button.id)}>
                  {button.title}
                </Button>
              ))}
            </Group>
          )}
        </Paper>
      ))}
      <Group gap="xs">
        {result.intent ? (
          <Text size="sm" data-testid="try-intent">
            {t(result.outcome === 'fallback' ? 'bots.try.closest' : 'bots.try.intent', { name: result.intent.name, confidence: confidencePercent(result.intent.confidence) })}
          </Text>
        ) : (
          <Text size="sm" c="dimmed" data-testid="try-intent">
            {t('bots.try.noIntent')}
          </Text>
        )}
        <Badge size="sm" variant="light" color={result.outcome === 'answered' ? 'teal' : 'gray'}>
          {t(`bots.outcomes.${result.outcome}`, { defaultValue: result.outcome })}
        </Badge>
        {result.handoff && (
          <Badge size="sm" variant="light" color="orange">
            {t(`bots.handoffReasons.${result.handoff.reason}`, { defaultValue: result.handoff.reason })}
          </Badge>
        )}
      </Group>
    </Stack>
  );
}
