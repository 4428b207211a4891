import { useState } from 'react';
import { Button, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { CatalogueModal } from './catalogue-modal';
import { useClosingCategories, useDeleteClosingCategory, useSaveClosingCategory, type ClosingCategory } from './catalogue.api';
import { useSettingsAccess } from './settings-access';
import { EmptyRow, QueryState, SettingsSection, RowActions, ConfirmMutation } from './settings-ui';
import { validateClosingCategory } from './settings-validation';

/** The categories an agent picks from when closing a conversation (the closing note). */
export function ClosingCategoriesSettings() {
  const { t } = useTranslation();
  const { isAdmin } = useSettingsAccess();
  const categories = useClosingCategories();
  const save = useSaveClosingCategory();
  const remove = useDeleteClosingCategory();
  const [editing, setEditing] = useState<ClosingCategory | null | 'new'>(null);
  const [deleting, setDeleting] = useState<ClosingCategory | null>(null);

  return (
    <SettingsSection
      title={t('settings.nav.closing-categories')}
      description={t('settings.closingCategories.description')}
      readOnly={!isAdmin}
      actions={isAdmin && <Button onClick={() => setEditing('new')}>{t('settings.closingCategories.create')}</Button>}
    >
      <QueryState query={categories}>
        {() => (
          <Table verticalSpacing="xs" highlightOnHover data-testid="closing-categories-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settings.closingCategories.name')}</Table.Th>
                {isAdmin && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {categories.data!.length === 0 && <EmptyRow colSpan={isAdmin ? 2 : 1}>{t('settings.closingCategories.empty')}</EmptyRow>}
              {categories.data!.map((category) => (
                <Table.Tr key={category.id} data-testid="closing-category-row">
                  <Table.Td>
                    <Text size="sm">{category.name}</Text>
                  </Table.Td>
                  {isAdmin && <RowActions onEdit={() => setEditing(category)} onDelete={() => setDeleting(category)} />}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      <CatalogueModal
        opened={editing !== null}
        title={editing === 'new' ? t('settings.closingCategories.createTitle') : t('settings.closingCategories.editTitle')}
        nameLabel={t('settings.closingCategories.name')}
        initial={editing === 'new' ? null : editing}
        withColor={false}
        validate={(form) => validateClosingCategory(t, form)}
        saving={save.isPending}
        onSave={(form) =>
          save
            .mutateAsync({ id: editing === 'new' || editing === null ? undefined : editing.id, name: form.name })
            .then(() => notifications.show({ color: 'teal', message: t('settings.saved') }))
        }
        onClose={() => setEditing(null)}
      />
      <ConfirmMutation
        target={deleting}
        mutation={remove}
        onDone={() => setDeleting(null)}
        title={t('settings.closingCategories.deleteTitle')}
        message={t('settings.closingCategories.deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('settings.delete')}
      />
    </SettingsSection>
  );
}
