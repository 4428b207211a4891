import { useState } from 'react';
import { Badge, Button, Group, Modal, SegmentedControl, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatTime } from '../../../app/format';
import { EmptyRow, QueryState } from '../../settings/settings-ui';
import type { WorkflowDefinition } from '../workflow-types';
import { RUN_STATUSES, useWorkflowRun, useWorkflowRuns, type RunStatus } from '../workflow-runs.api';
import { RunLog, RunStatusBadge } from './run-log';

/** A run's log in a dialog, refreshed while it runs. */
export function RunDialog({ runId, definition, onClose }: { runId: number | null; definition: WorkflowDefinition; onClose: () => void }) {
  const { t } = useTranslation();
  const run = useWorkflowRun(runId);
  return (
    <Modal opened={runId !== null} onClose={onClose} title={t('workflows.runs.title', { id: runId ?? '' })} size="xl">
      <QueryState query={run}>{() => <RunLog run={run.data!} definition={definition} />}</QueryState>
    </Modal>
  );
}

/** The workflow's runs, newest first, filtered by status; a row opens its log. */
export function RunsTab({ workflowId, definition }: { workflowId: number; definition: WorkflowDefinition }) {
  const { t } = useTranslation();
  const time = useFormatTime();
  const [status, setStatus] = useState<RunStatus | 'all'>('all');
  const [open, setOpen] = useState<number | null>(null);
  // The pages seen so far, as the `before` of each: going back pops one.
  const [pages, setPages] = useState<Array<number | null>>([null]);
  const runs = useWorkflowRuns(workflowId, status === 'all' ? null : status, pages.at(-1) ?? null);
  return (
    <Stack gap="sm">
      <SegmentedControl
        size="xs"
        value={status}
        onChange={(v) => {
          setStatus(v as RunStatus | 'all');
          setPages([null]);
        }}
        data={[{ value: 'all', label: t('workflows.runs.all') }, ...RUN_STATUSES.map((s) => ({ value: s, label: t(`workflows.runs.statuses.${s}`) }))]}
        aria-label={t('workflows.runs.filter')}
        style={{ alignSelf: 'flex-start' }}
      />
      <QueryState query={runs}>
        {() => (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" highlightOnHover data-testid="runs-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('workflows.runs.started')}</Table.Th>
                  <Table.Th>{t('workflows.runs.contact')}</Table.Th>
                  <Table.Th>{t('workflows.runs.status')}</Table.Th>
                  <Table.Th>{t('workflows.runs.version')}</Table.Th>
                  <Table.Th>{t('workflows.runs.stepsRun')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {!runs.data!.items.length && <EmptyRow colSpan={5}>{t('workflows.runs.empty')}</EmptyRow>}
                {runs.data!.items.map((run) => (
                  <Table.Tr key={run.id} data-testid="run-row">
                    <Table.Td>
                      <UnstyledButton onClick={() => setOpen(run.id)} aria-label={t('workflows.runs.open', { id: run.id })}>
                        <Text size="sm" c="teal.8">
                          {time(run.startedAt)}
                        </Text>
                      </UnstyledButton>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{run.contact?.name ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <RunStatusBadge status={run.status} />
                        {run.test && (
                          <Badge size="xs" variant="outline" color="grape">
                            {t('workflows.runs.test')}
                          </Badge>
                        )}
                      </Group>
                      {run.error && (
                        <Text size="xs" c="red" lineClamp={1}>
                          {run.error}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{run.version}</Table.Td>
                    <Table.Td>{run.stepsRun}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      {(pages.length > 1 || runs.data?.nextBefore) && (
        <Group gap="xs">
          <Button size="xs" variant="default" disabled={pages.length === 1} onClick={() => setPages((p) => p.slice(0, -1))}>
            {t('workflows.runs.newer')}
          </Button>
          <Button size="xs" variant="default" disabled={!runs.data?.nextBefore} onClick={() => setPages((p) => [...p, runs.data!.nextBefore])}>
            {t('workflows.runs.older')}
          </Button>
        </Group>
      )}
      <RunDialog runId={open} definition={definition} onClose={() => setOpen(null)} />
    </Stack>
  );
}
