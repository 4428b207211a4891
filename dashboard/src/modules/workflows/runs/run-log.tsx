import { Alert, Anchor, Badge, Code, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatTime } from '../../../app/format';
import { allSteps } from '../editor/definition-edit';
import type { WorkflowDefinition } from '../workflow-types';
import { isLive, type RunStatus, type StepOutcome, type WorkflowRunDetail } from '../workflow-runs.api';

const STATUS_COLOR: Record<RunStatus, string> = { running: 'blue', waiting: 'violet', completed: 'teal', failed: 'red', stopped: 'gray' };
const OUTCOME_COLOR: Record<StepOutcome | string, string> = { ok: 'teal', failed: 'red', waiting: 'violet', timeout: 'orange', skipped: 'gray', branch: 'blue' };

export function RunStatusBadge({ status }: { status: RunStatus }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={STATUS_COLOR[status]} data-testid="run-status">
      {t(`workflows.runs.statuses.${status}`)}
    </Badge>
  );
}

/** JSON as indented text (never as markup). */
const pretty = (value: unknown) => JSON.stringify(value, null, 2);
const hasContent = (value: unknown) => value !== null && value !== undefined && !(typeof value === 'object' && Object.keys(value as object).length === 0);

/** One run: its state, contact and conversation, error, the log of its steps and the variables it collected. */
export function RunLog({ run, definition }: { run: WorkflowRunDetail; definition: WorkflowDefinition }) {
  const { t } = useTranslation();
  const time = useFormatTime();
  const names = new Map(allSteps(definition.steps).map(({ step }) => [step.id, step.name]));
  return (
    <Stack gap="sm" data-testid="run-log">
      <Group gap="xs">
        <RunStatusBadge status={run.status} />
        {isLive(run.status) && <Loader size="xs" aria-label={t('workflows.runs.live')} />}
        {run.test && (
          <Badge size="sm" variant="outline" color="grape">
            {t('workflows.runs.test')}
          </Badge>
        )}
        <Text size="sm">{run.contact ? run.contact.name : t('workflows.runs.noContact')}</Text>
        {run.conversationId && (
          <Anchor component={Link} to={`/conversations/${run.conversationId}`} size="sm">
            {t('workflows.runs.openConversation', { id: run.conversationId })}
          </Anchor>
        )}
        <Text size="xs" c="dimmed">
          {t('workflows.runs.versionShort', { version: run.version })} · {time(run.startedAt)}
        </Text>
      </Group>
      {run.error && (
        <Alert color="red" variant="light" title={t('workflows.runs.error')}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {run.error}
          </Text>
        </Alert>
      )}
      <Table verticalSpacing={4} data-testid="run-steps">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('workflows.runs.at')}</Table.Th>
            <Table.Th>{t('workflows.runs.step')}</Table.Th>
            <Table.Th>{t('workflows.runs.outcome')}</Table.Th>
            <Table.Th>{t('workflows.runs.detail')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {!run.steps.length && (
            <Table.Tr>
              <Table.Td colSpan={4}>
                <Text size="sm" c="dimmed">
                  {t('workflows.runs.noSteps')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {run.steps.map((s) => (
            <Table.Tr key={s.id} data-testid="run-step">
              <Table.Td>
                <Text size="xs">{time(s.at)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{names.get(s.stepId) || t(`workflows.steps.types.${s.stepType}`, { defaultValue: s.stepType })}</Text>
                <Text size="10px" c="dimmed" ff="monospace">
                  {s.stepId}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={OUTCOME_COLOR[s.outcome] ?? 'gray'}>
                  {t(`workflows.runs.outcomes.${s.outcome}`, { defaultValue: s.outcome })}
                </Badge>
              </Table.Td>
              <Table.Td>{hasContent(s.detail) && <Code block style={{ fontSize: 11, maxHeight: 160, overflow: 'auto' }}>{pretty(s.detail)}</Code>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {hasContent(run.vars) && (
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('workflows.runs.vars')}
          </Text>
          <Code block data-testid="run-vars" style={{ fontSize: 11 }}>
            {pretty(run.vars)}
          </Code>
        </div>
      )}
    </Stack>
  );
}
