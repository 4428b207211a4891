import { useState } from 'react';
import { ActionIcon, Badge, Button, Code, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api-client';
import { errorMessage } from '../../app/error-message';
import { ContactFieldModal } from './contact-field-modal';
import { contactFieldsKey, useContactFields, useDeleteContactField, type ContactField } from './contact-fields.api';
import { moveField, nextPosition } from './field-order';
import { useSettingsAccess } from './settings-access';
import { EmptyRow, QueryState, SettingsSection, RowActions, ConfirmMutation } from './settings-ui';

/** Sends the new positions after a move (one PATCH per field whose position changed), then reloads the list. */
function useMoveField() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (changes: Array<{ id: number; position: number }>) => {
      for (const { id, position } of changes) await api(`/contact-fields/${id}`, { method: 'PATCH', body: { position } });
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: contactFieldsKey }),
  });
}

/** Custom fields of contacts (document type, city, plan…): shown and edited in the contact panel, by type. */
export function ContactFieldsSettings() {
  const { t } = useTranslation();
  const { isAdmin } = useSettingsAccess();
  const contactFields = useContactFields();
  const remove = useDeleteContactField();
  const move = useMoveField();
  const [editing, setEditing] = useState<ContactField | null | 'new'>(null);
  const [deleting, setDeleting] = useState<ContactField | null>(null);
  const list = contactFields.data ?? [];

  const onMove = (id: number, direction: -1 | 1) => {
    const changes = moveField(list, id, direction);
    if (changes.length) move.mutate(changes, { onError: (err) => notifications.show({ color: 'red', message: errorMessage(t, err) }) });
  };

  return (
    <SettingsSection
      title={t('settings.nav.contact-fields')}
      description={t('settings.contactFields.description', { example: `{{contact.${list[0]?.key ?? '…'}}}` })}
      readOnly={!isAdmin}
      actions={isAdmin && <Button onClick={() => setEditing('new')}>{t('settings.contactFields.create')}</Button>}
    >
      <QueryState query={contactFields}>
        {() => (
          <Table.ScrollContainer minWidth={680}>
            <Table verticalSpacing="xs" highlightOnHover data-testid="contact-fields-table">
              <Table.Thead>
                <Table.Tr>
                  {isAdmin && <Table.Th w={70}>{t('settings.contactFields.order')}</Table.Th>}
                  <Table.Th>{t('settings.contactFields.label')}</Table.Th>
                  <Table.Th>{t('settings.contactFields.key')}</Table.Th>
                  <Table.Th>{t('settings.contactFields.type')}</Table.Th>
                  <Table.Th>{t('settings.contactFields.options')}</Table.Th>
                  {isAdmin && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.length === 0 && <EmptyRow colSpan={isAdmin ? 6 : 4}>{t('settings.contactFields.empty')}</EmptyRow>}
                {list.map((field, index) => (
                  <Table.Tr key={field.id} data-testid="contact-field-row">
                    {isAdmin && (
                      <Table.Td>
                        <Group gap={2} wrap="nowrap">
                          <ActionIcon
                            size="sm"
                            variant="subtle"
                            color="gray"
                            disabled={index === 0 || move.isPending}
                            onClick={() => onMove(field.id, -1)}
                            aria-label={t('settings.contactFields.moveUp', { label: field.label })}
                          >
                            ↑
                          </ActionIcon>
                          <ActionIcon
                            size="sm"
                            variant="subtle"
                            color="gray"
                            disabled={index === list.length - 1 || move.isPending}
                            onClick={() => onMove(field.id, 1)}
                            aria-label={t('settings.contactFields.moveDown', { label: field.label })}
                          >
                            ↓
                          </ActionIcon>
                        </Group>
                      </Table.Td>
                    )}
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm" fw={500}>
                          {field.label}
                        </Text>
                        {field.required && (
                          <Badge size="xs" color="red" variant="light">
                            {t('settings.contactFields.requiredBadge')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Code>{field.key}</Code>
                    </Table.Td>
                    <Table.Td>{t(`settings.contactFields.types.${field.type}`)}</Table.Td>
                    <Table.Td>
                      {field.type === 'select' ? (
                        <Group gap={4}>
                          {field.options.map((option) => (
                            <Badge key={option} size="sm" variant="outline" color="gray" style={{ textTransform: 'none' }}>
                              {option}
                            </Badge>
                          ))}
                        </Group>
                      ) : (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                    {isAdmin && <RowActions onEdit={() => setEditing(field)} onDelete={() => setDeleting(field)} />}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      <ContactFieldModal opened={editing !== null} field={editing === 'new' ? null : editing} defaultPosition={nextPosition(list)} onClose={() => setEditing(null)} />
      <ConfirmMutation
        target={deleting}
        mutation={remove}
        onDone={() => setDeleting(null)}
        title={t('settings.contactFields.deleteTitle')}
        message={t('settings.contactFields.deleteConfirm', { label: deleting?.label ?? '' })}
        confirmLabel={t('settings.delete')}
      />
    </SettingsSection>
  );
}
