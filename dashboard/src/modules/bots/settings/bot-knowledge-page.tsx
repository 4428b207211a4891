import { useState } from 'react';
import { Alert, Anchor, Badge, Button, FileButton, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../../app/error-message';
import { useSettingsAccess } from '../../settings/settings-access';
import { ConfirmModal, ConfirmMutation, EmptyRow, QueryState, RowActions, SettingsSection } from '../../settings/settings-ui';
import { canTry, hasKnowledge, useBots, useDeleteIntent, useIntents, useReplaceIntents, type Bot, type Intent } from '../bots.api';
import { IntentModal } from './intent-modal';
import { downloadJson, exportFileName, parseIntentsFile, refusedRow } from './intents-file';
import { TryPanel } from './try-panel';

/** /settings/bots/:botId: the knowledge matrix of a built-in or LLM bot, its import and export, and (built-in) a test box. */
export function BotKnowledgePage() {
  const { t } = useTranslation();
  const { botId } = useParams();
  const bots = useBots();
  return (
    <QueryState query={bots}>
      {() => {
        const bot = bots.data!.find((b) => String(b.id) === botId);
        if (!bot || !hasKnowledge(bot.kind)) {
          return (
            <Alert color="yellow">
              <Stack gap="xs">
                <span>{bot ? t('bots.knowledge.none') : t('bots.knowledge.notFound')}</span>
                <BackLink />
              </Stack>
            </Alert>
          );
        }
        return <Knowledge bot={bot} />;
      }}
    </QueryState>
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/settings/bots" size="sm">
      ← {t('bots.knowledge.back')}
    </Anchor>
  );
}

function Knowledge({ bot }: { bot: Bot }) {
  const { t } = useTranslation();
  const { isAdmin } = useSettingsAccess();
  const intents = useIntents(bot.id);
  const remove = useDeleteIntent(bot.id);
  const replace = useReplaceIntents(bot.id);
  const [editing, setEditing] = useState<Intent | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Intent | null>(null);
  const [importing, setImporting] = useState<unknown[] | null>(null);

  const pick = async (file: File | null) => {
    if (!file) return;
    const items = parseIntentsFile(await file.text());
    if (items) setImporting(items);
    else notifications.show({ color: 'red', message: t('bots.knowledge.importUnreadable') });
  };
  const importError = () => {
    if (!replace.error) return null;
    const row = refusedRow(replace.error);
    return row ? t('bots.knowledge.importRefused', { row }) : errorMessage(t, replace.error);
  };
  const closeImport = () => {
    setImporting(null);
    replace.reset();
  };

  const columns = isAdmin ? 4 : 3;
  return (
    <SettingsSection
      title={t('bots.knowledge.title', { name: bot.name })}
      description={t('bots.knowledge.description')}
      readOnly={!isAdmin}
      actions={
        <>
          <Button variant="default" disabled={!intents.data} onClick={() => downloadJson(exportFileName(bot.name), { items: intents.data })}>
            {t('bots.knowledge.export')}
          </Button>
          {isAdmin && (
            <>
              <FileButton onChange={(file) => void pick(file)} accept="application/json,.json">
                {(props) => (
                  <Button variant="default" {...props}>
                    {t('bots.knowledge.import')}
                  </Button>
                )}
              </FileButton>
              <Button onClick={() => setEditing('new')}>{t('bots.knowledge.add')}</Button>
            </>
          )}
        </>
      }
    >
      <BackLink />
      <QueryState query={intents}>
        {() => (
          <Table verticalSpacing="xs" highlightOnHover data-testid="intents-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('bots.intent.name')}</Table.Th>
                <Table.Th w={120}>{t('bots.intent.examples')}</Table.Th>
                <Table.Th>{t('bots.intent.answer')}</Table.Th>
                {isAdmin && <Table.Th w={150} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {intents.data!.length === 0 && <EmptyRow colSpan={columns}>{t('bots.knowledge.empty')}</EmptyRow>}
              {intents.data!.map((intent) => (
                <Table.Tr key={intent.id} data-testid="intent-row">
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Text size="sm" fw={500}>
                        {intent.name}
                      </Text>
                      {intent.handoff && (
                        <Badge size="sm" color="orange" variant="light">
                          {t('bots.intent.handoffBadge')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{intent.examples.length}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed" lineClamp={2} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                      {intent.answer.text}
                    </Text>
                    {intent.answer.buttons && intent.answer.buttons.length > 0 && (
                      <Text size="xs" c="dimmed">
                        {t('bots.intent.buttonList', { titles: intent.answer.buttons.map((b) => b.title).join(' · ') })}
                      </Text>
                    )}
                  </Table.Td>
                  {isAdmin && <RowActions onEdit={() => setEditing(intent)} onDelete={() => setDeleting(intent)} />}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      {isAdmin && canTry(bot.kind) && <TryPanel botId={bot.id} />}
      <IntentModal botId={bot.id} opened={editing !== null} intent={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      <ConfirmMutation
        target={deleting}
        mutation={remove}
        onDone={() => setDeleting(null)}
        onSuccess={() => notifications.show({ color: 'teal', message: t('settings.deleted') })}
        title={t('bots.intent.deleteTitle')}
        message={t('bots.intent.deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('settings.delete')}
      />
      <ConfirmModal
        opened={importing !== null}
        title={t('bots.knowledge.importTitle')}
        message={t('bots.knowledge.importConfirm', { count: importing?.length ?? 0, current: intents.data?.length ?? 0 })}
        confirmLabel={t('bots.knowledge.importReplace')}
        loading={replace.isPending}
        error={importError()}
        onClose={closeImport}
        onConfirm={() =>
          importing &&
          replace.mutate(importing, {
            onSuccess: ({ items }) => {
              closeImport();
              notifications.show({ color: 'teal', message: t('bots.knowledge.imported', { count: items.length }) });
            },
          })
        }
      />
    </SettingsSection>
  );
}
