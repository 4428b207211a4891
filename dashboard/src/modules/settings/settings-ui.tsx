import type { ReactNode } from 'react';
import { Alert, Button, Center, Group, Loader, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message';

/** The frame of one settings screen: title, what it is for, its main action, and a note when it is read-only. */
export function SettingsSection({
  title,
  description,
  actions,
  readOnly,
  children,
}: {
  title: string;
  description?: string;
  actions?: ReactNode;
  readOnly?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Title order={3}>{title}</Title>
          {description && (
            <Text size="sm" c="dimmed" maw={640}>
              {description}
            </Text>
          )}
        </div>
        {actions && <Group gap="xs" wrap="nowrap">{actions}</Group>}
      </Group>
      {readOnly && (
        <Alert color="gray" variant="light" data-testid="settings-read-only">
          {t('settings.readOnly')}
        </Alert>
      )}
      {children}
    </Stack>
  );
}

/** Loading and failure of a settings list, with a retry. */
export function QueryState({ query, children }: { query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown }; children: () => ReactNode }) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <Center p="xl">
        <Loader size="sm" />
      </Center>
    );
  }
  if (query.isError) {
    return (
      <Alert color="red" role="alert">
        <Group justify="space-between">
          <span>{errorMessage(t, query.error)}</span>
          <Button size="xs" variant="light" color="red" onClick={() => void query.refetch()}>
            {t('common.retry')}
          </Button>
        </Group>
      </Alert>
    );
  }
  return <>{children()}</>;
}

/** Asks before something that cannot be undone from here (delete, deactivate, rotate). */
export function ConfirmModal({
  opened,
  title,
  message,
  confirmLabel,
  danger = true,
  loading,
  error,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  loading?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Stack gap="md">
        <Text size="sm">{message}</Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('settings.cancel')}
          </Button>
          <Button color={danger ? 'red' : undefined} loading={loading} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function EmptyRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan}>
        <Text size="sm" c="dimmed" ta="center" py="lg">
          {children}
        </Text>
      </td>
    </tr>
  );
}

/** The Edit and Delete buttons at the end of a row. */
export function RowActions({ onEdit, onDelete }: { onEdit: () => void; onDelete: () => void }) {
  const { t } = useTranslation();
  return (
    <Table.Td>
      <Group gap={4} justify="flex-end" wrap="nowrap">
        <Button size="compact-xs" variant="subtle" onClick={onEdit}>
          {t('settings.edit')}
        </Button>
        <Button size="compact-xs" variant="subtle" color="red" onClick={onDelete}>
          {t('settings.delete')}
        </Button>
      </Group>
    </Table.Td>
  );
}

interface IdMutation<R> {
  isPending: boolean;
  error: unknown;
  reset: () => void;
  mutate: (id: number, options: { onSuccess: (result: R) => void }) => void;
}

/**
 * Asks before applying a mutation to one item (delete, deactivate, revoke, rotate); shows its progress and
 * error (`describeError` for a kinder word on a known failure), forgets the error on close, and closes on success.
 */
export function ConfirmMutation<R>({
  target,
  mutation,
  onDone,
  onSuccess,
  describeError,
  ...text
}: {
  target: { id: number } | null;
  mutation: IdMutation<R>;
  onDone: () => void;
  onSuccess?: (result: R) => void;
  describeError?: (error: unknown) => string | null;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  danger?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <ConfirmModal
      opened={target !== null}
      {...text}
      loading={mutation.isPending}
      error={mutation.error ? (describeError?.(mutation.error) ?? errorMessage(t, mutation.error)) : null}
      onClose={() => {
        onDone();
        mutation.reset();
      }}
      onConfirm={() =>
        target &&
        mutation.mutate(target.id, {
          onSuccess: (result) => {
            onDone();
            onSuccess?.(result);
          },
        })
      }
    />
  );
}

/** A form's footer: Cancel, and the submit button (Create by default) spinning while it saves. */
export function FormActions({ onCancel, loading, submitLabel }: { onCancel: () => void; loading: boolean; submitLabel?: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('settings.cancel')}
      </Button>
      <Button type="submit" loading={loading}>
        {submitLabel ?? t('settings.create')}
      </Button>
    </Group>
  );
}
