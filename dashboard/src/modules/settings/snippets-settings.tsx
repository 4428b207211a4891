import { useMemo, useState } from 'react';
import { Badge, Button, Code, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useRealtimeEvent } from '../../app/realtime/realtime-provider';
import { useSettingsAccess } from './settings-access';
import { ConfirmMutation, EmptyRow, QueryState, SettingsSection } from './settings-ui';
import { SnippetModal } from './snippet-modal';
import { snippetsKey, useDeleteSnippet, useSnippets, type Snippet, type SnippetScope } from './snippets.api';

/** A search over shortcut, title and text, accents and case aside. */
export function filterSnippets(snippets: Snippet[], search: string): Snippet[] {
  const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const q = fold(search.trim().replace(/^\//, ''));
  const list = q ? snippets.filter((s) => fold(`${s.shortcut}\n${s.title}\n${s.body}`).includes(q)) : snippets;
  return [...list].sort((a, b) => a.shortcut.localeCompare(b.shortcut));
}

function SnippetTable({ snippets, editable, onEdit, onDelete, empty }: { snippets: Snippet[]; editable: boolean; onEdit: (s: Snippet) => void; onDelete: (s: Snippet) => void; empty: string }) {
  const { t } = useTranslation();
  return (
    <Table verticalSpacing="xs" highlightOnHover layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={160}>{t('settings.snippets.shortcut')}</Table.Th>
          <Table.Th>{t('settings.snippets.body')}</Table.Th>
          {editable && <Table.Th w={150} />}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {snippets.length === 0 && <EmptyRow colSpan={editable ? 3 : 2}>{empty}</EmptyRow>}
        {snippets.map((snippet) => (
          <Table.Tr key={snippet.id} data-testid="snippet-row">
            <Table.Td>
              <Code>/{snippet.shortcut}</Code>
              {snippet.team && (
                <Badge size="xs" variant="light" color="blue" ml={6} style={{ textTransform: 'none' }}>
                  {snippet.team.name}
                </Badge>
              )}
              {snippet.action === 'resume_bot' && (
                <Badge size="xs" variant="light" color="grape" ml={6} style={{ textTransform: 'none' }}>
                  {t('settings.snippets.resumesBotBadge')}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              {snippet.title && snippet.title !== snippet.shortcut && (
                <Text size="sm" fw={500} truncate>
                  {snippet.title}
                </Text>
              )}
              <Text size="sm" c="dimmed" lineClamp={2} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                {snippet.body}
              </Text>
            </Table.Td>
            {editable && (
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Button size="compact-xs" variant="subtle" onClick={() => onEdit(snippet)}>
                    {t('settings.edit')}
                  </Button>
                  <Button size="compact-xs" variant="subtle" color="red" onClick={() => onDelete(snippet)}>
                    {t('settings.delete')}
                  </Button>
                </Group>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Snippets ("respuestas rápidas"): the workspace's, managed by admins, and each person's own. */
export function SnippetsSettings() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { isAdmin } = useSettingsAccess();
  const snippets = useSnippets();
  const remove = useDeleteSnippet();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Snippet | null>(null);
  const [creating, setCreating] = useState<SnippetScope | null>(null);
  const [deleting, setDeleting] = useState<Snippet | null>(null);

  useRealtimeEvent((event) => {
    if (event.type.startsWith('snippet.')) void queryClient.invalidateQueries({ queryKey: snippetsKey });
  });

  const visible = useMemo(() => filterSnippets(snippets.data ?? [], search), [snippets.data, search]);
  const workspace = visible.filter((s) => s.scope === 'workspace');
  const personal = visible.filter((s) => s.scope === 'personal');
  const team = visible.filter((s) => s.scope === 'team');

  return (
    <SettingsSection
      title={t('settings.nav.snippets')}
      description={t('settings.snippets.description')}
      actions={<Button onClick={() => setCreating(isAdmin ? 'workspace' : 'personal')}>{t('settings.snippets.create')}</Button>}
    >
      <TextInput placeholder={t('settings.snippets.search')} aria-label={t('settings.snippets.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} maw={360} />
      <QueryState query={snippets}>
        {() => (
          <Stack gap="lg">
            <Stack gap="xs" data-testid="workspace-snippets">
              <div>
                <Title order={4}>{t('settings.snippets.workspaceTitle')}</Title>
                <Text size="xs" c="dimmed">
                  {isAdmin ? t('settings.snippets.workspaceHint') : t('settings.snippets.workspaceReadOnly')}
                </Text>
              </div>
              <SnippetTable snippets={workspace} editable={isAdmin} onEdit={setEditing} onDelete={setDeleting} empty={search ? t('common.nothingFound') : t('settings.snippets.emptyWorkspace')} />
            </Stack>
            {(isAdmin || team.length > 0) && (
              <Stack gap="xs" data-testid="team-snippets">
                <div>
                  <Title order={4}>{t('settings.snippets.teamTitle')}</Title>
                  <Text size="xs" c="dimmed">
                    {t('settings.snippets.teamHint')}
                  </Text>
                </div>
                <SnippetTable snippets={team} editable={isAdmin} onEdit={setEditing} onDelete={setDeleting} empty={search ? t('common.nothingFound') : t('settings.snippets.emptyTeam')} />
              </Stack>
            )}
            <Stack gap="xs" data-testid="personal-snippets">
              <Group justify="space-between">
                <div>
                  <Title order={4}>{t('settings.snippets.personalTitle')}</Title>
                  <Text size="xs" c="dimmed">
                    {t('settings.snippets.personalHint')}
                  </Text>
                </div>
                {isAdmin && (
                  <Button size="xs" variant="light" onClick={() => setCreating('personal')}>
                    {t('settings.snippets.createPersonal')}
                  </Button>
                )}
              </Group>
              <SnippetTable snippets={personal} editable onEdit={setEditing} onDelete={setDeleting} empty={search ? t('common.nothingFound') : t('settings.snippets.emptyPersonal')} />
            </Stack>
          </Stack>
        )}
      </QueryState>
      <SnippetModal
        opened={editing !== null || creating !== null}
        snippet={editing}
        canManageWorkspace={isAdmin}
        defaultScope={creating ?? 'personal'}
        onClose={() => {
          setEditing(null);
          setCreating(null);
        }}
      />
      <ConfirmMutation
        target={deleting}
        mutation={remove}
        onDone={() => setDeleting(null)}
        onSuccess={() => notifications.show({ color: 'teal', message: t('settings.deleted') })}
        title={t('settings.snippets.deleteTitle')}
        message={t('settings.snippets.deleteConfirm', { shortcut: deleting?.shortcut ?? '' })}
        confirmLabel={t('settings.delete')}
      />
    </SettingsSection>
  );
}
