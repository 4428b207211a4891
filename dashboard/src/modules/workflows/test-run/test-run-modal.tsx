import { useState } from 'react';
import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api-client';
import { errorMessage } from '../../../app/error-message';
import { QueryState } from '../../settings/settings-ui';
import { problemsOf, problemText } from '../problem-text';
import { RunLog } from '../runs/run-log';
import type { WorkflowDefinition } from '../workflow-types';
import { useTestRun, useWorkflowRun } from '../workflow-runs.api';
import { ContactPicker, type TestTarget } from './contact-picker';

/**
 * "Probar": runs the saved draft (unsaved changes are saved first) for a chosen contact, marked as a test, and
 * follows the run's log while it runs.
 */
export function TestRunModal({
  opened,
  onClose,
  workflowId,
  definition,
  beforeRun,
}: {
  opened: boolean;
  onClose: () => void;
  workflowId: number;
  definition: WorkflowDefinition;
  beforeRun: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<TestTarget>({ contact: null, conversationId: null });
  const [runId, setRunId] = useState<number | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const testRun = useTestRun(workflowId);
  const run = useWorkflowRun(runId);

  const start = async () => {
    if (!target.contact) return;
    setFailure(null);
    try {
      await beforeRun();
      const created = await testRun.mutateAsync({ contactId: target.contact.id, ...(target.conversationId ? { conversationId: target.conversationId } : {}) });
      setRunId(created.id);
    } catch (err) {
      setFailure(err);
    }
  };
  const close = () => {
    setRunId(null);
    setFailure(null);
    onClose();
  };
  const problems = failure ? problemsOf(failure) : null;

  return (
    <Modal opened={opened} onClose={close} title={t('workflows.test.title')} size="xl">
      <Stack gap="md">
        {runId === null ? (
          <>
            <Text size="sm" c="dimmed">
              {t('workflows.test.intro')}
            </Text>
            <ContactPicker value={target} onChange={setTarget} />
            {failure !== null && (
              <Alert color="red" role="alert" title={problems ? t('workflows.test.invalid') : undefined}>
                {problems ? (
                  <List size="sm">
                    {problems.map((p, i) => (
                      <List.Item key={i}>{problemText(t, p)}</List.Item>
                    ))}
                  </List>
                ) : failure instanceof ApiError && failure.status === 409 ? (
                  t('workflows.test.skipped')
                ) : (
                  errorMessage(t, failure)
                )}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('settings.cancel')}
              </Button>
              <Button disabled={!target.contact} loading={testRun.isPending} onClick={() => void start()}>
                {t('workflows.test.run')}
              </Button>
            </Group>
          </>
        ) : (
          <>
            <QueryState query={run}>{() => <RunLog run={run.data!} definition={definition} />}</QueryState>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRunId(null)}>
                {t('workflows.test.again')}
              </Button>
              <Button onClick={close}>{t('workflows.done')}</Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
