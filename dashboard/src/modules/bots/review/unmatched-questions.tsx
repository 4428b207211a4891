import { useState } from 'react';
import { Alert, Button, Select, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatTime } from '../../../app/format';
import { EmptyRow, QueryState } from '../../settings/settings-ui';
import { useUnmatchedQuestions } from '../bot-review.api';
import { hasKnowledge, useBots } from '../bots.api';
import { IntentModal } from '../settings/intent-modal';

/**
 * "Preguntas sin respuesta": what customers asked that the bot did not understand, most asked first; each can
 * become a new intent of a bot's matrix with the question as its first example (a picker when there are several).
 */
export function UnmatchedQuestions({ days, canEdit }: { days: number; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const formatTime = useFormatTime();
  const questions = useUnmatchedQuestions(days);
  const bots = useBots();
  const withMatrix = (bots.data ?? []).filter((b) => hasKnowledge(b.kind));
  const [chosenBot, setChosenBot] = useState<string | null>(null);
  const botId = chosenBot ?? (withMatrix[0] ? String(withMatrix[0].id) : null);
  const [example, setExample] = useState<string | null>(null);
  const number = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'es');
  const creating = canEdit && botId !== null;

  return (
    <Stack gap="sm">
      {canEdit && bots.isSuccess && withMatrix.length === 0 && <Alert color="gray">{t('bots.review.noMatrixBot')}</Alert>}
      {canEdit && withMatrix.length > 1 && (
        <Select
          label={t('bots.review.intentFor')}
          data={withMatrix.map((b) => ({ value: String(b.id), label: b.name }))}
          value={botId}
          onChange={(value) => value && setChosenBot(value)}
          allowDeselect={false}
          maw={320}
          comboboxProps={{ withinPortal: true }}
        />
      )}
      <QueryState query={questions}>
        {() => (
          <Table verticalSpacing="xs" data-testid="unmatched-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('bots.review.columns.question')}</Table.Th>
                <Table.Th w={100}>{t('bots.review.columns.count')}</Table.Th>
                <Table.Th w={160}>{t('bots.review.columns.lastAsked')}</Table.Th>
                {creating && <Table.Th w={150} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {questions.data!.length === 0 && <EmptyRow colSpan={creating ? 4 : 3}>{t('bots.review.noUnmatched')}</EmptyRow>}
              {questions.data!.map((q) => (
                <Table.Tr key={q.example} data-testid="unmatched-row">
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                      {q.example}
                    </Text>
                  </Table.Td>
                  <Table.Td>{number.format(q.count)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatTime(q.lastAskedAt)}</Text>
                  </Table.Td>
                  {creating && (
                    <Table.Td>
                      <Button size="compact-xs" variant="light" onClick={() => setExample(q.example)}>
                        {t('bots.review.createIntent')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      {creating && <IntentModal botId={Number(botId)} opened={example !== null} intent={null} example={example ?? undefined} onClose={() => setExample(null)} />}
    </Stack>
  );
}
