import { useMemo, useState } from 'react';
import { Badge, Button, ColorSwatch, Group, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { CatalogueModal } from './catalogue-modal';
import { useDeleteTag, useSaveTag, useTags, type Tag } from './catalogue.api';
import { useSettingsAccess } from './settings-access';
import { EmptyRow, QueryState, SettingsSection, RowActions, ConfirmMutation } from './settings-ui';
import { validateTag } from './settings-validation';

/** The tag catalogue agents pick from in conversations and contacts. */
export function TagsSettings() {
  const { t } = useTranslation();
  const { isAdmin } = useSettingsAccess();
  const tags = useTags();
  const save = useSaveTag();
  const remove = useDeleteTag();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Tag | null | 'new'>(null);
  const [deleting, setDeleting] = useState<Tag | null>(null);
  const visible = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (tags.data ?? []).filter((tag) => !q || tag.name.toLowerCase().includes(q));
  }, [tags.data, search]);

  return (
    <SettingsSection
      title={t('settings.nav.tags')}
      description={t('settings.tags.description')}
      readOnly={!isAdmin}
      actions={isAdmin && <Button onClick={() => setEditing('new')}>{t('settings.tags.create')}</Button>}
    >
      <TextInput placeholder={t('settings.tags.search')} aria-label={t('settings.tags.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} maw={360} />
      <QueryState query={tags}>
        {() => (
          <Table verticalSpacing="xs" highlightOnHover data-testid="tags-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settings.tags.name')}</Table.Th>
                {isAdmin && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {visible.length === 0 && <EmptyRow colSpan={isAdmin ? 2 : 1}>{search ? t('common.nothingFound') : t('settings.tags.empty')}</EmptyRow>}
              {visible.map((tag) => (
                <Table.Tr key={tag.id} data-testid="tag-row">
                  <Table.Td>
                    <Group gap="xs">
                      <ColorSwatch color={tag.color} size={14} aria-hidden />
                      <Badge variant="light" color={tag.color} style={{ textTransform: 'none' }}>
                        {tag.name}
                      </Badge>
                    </Group>
                  </Table.Td>
                  {isAdmin && <RowActions onEdit={() => setEditing(tag)} onDelete={() => setDeleting(tag)} />}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      <Text size="xs" c="dimmed">
        {t('settings.tags.renameHint')}
      </Text>
      <CatalogueModal
        opened={editing !== null}
        title={editing === 'new' ? t('settings.tags.createTitle') : t('settings.tags.editTitle')}
        nameLabel={t('settings.tags.name')}
        initial={editing === 'new' ? null : editing}
        withColor
        validate={(form) => validateTag(t, form)}
        saving={save.isPending}
        onSave={(form) =>
          save.mutateAsync({ id: editing === 'new' || editing === null ? undefined : editing.id, ...form }).then(() => notifications.show({ color: 'teal', message: t('settings.saved') }))
        }
        onClose={() => setEditing(null)}
      />
      <ConfirmMutation
        target={deleting}
        mutation={remove}
        onDone={() => setDeleting(null)}
        title={t('settings.tags.deleteTitle')}
        message={t('settings.tags.deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('settings.delete')}
      />
    </SettingsSection>
  );
}
