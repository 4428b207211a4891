import { ActionIcon, Badge, Box, Button, Group, Menu, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { STEP_GROUPS, type Step, type StepType } from '../workflow-types';
import { childLists, joinPath } from './definition-edit';
import { useEditor } from './editor-context';
import { StepIcon } from './step-icons';
import { NO_SETTINGS, stepSummary } from './step-summary';

export interface TreeActions {
  open: (stepPath: string) => void;
  add: (listPath: string, type: StepType) => void;
  remove: (stepPath: string) => void;
  move: (stepPath: string, delta: -1 | 1) => void;
}

/** The "+ Añadir paso" menu at the end of a list, by family of step. */
function AddStepMenu({ label, onPick }: { label: string; onPick: (type: StepType) => void }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <Button variant="subtle" size="compact-xs" aria-label={label} style={{ alignSelf: 'flex-start' }}>
          {t('workflows.tree.addStep')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {STEP_GROUPS.map(({ group, types }) => (
          <div key={group}>
            <Menu.Label>{t(`workflows.steps.groups.${group}`)}</Menu.Label>
            {types.map((type) => (
              <Menu.Item key={type} leftSection={<StepIcon type={type} size={14} />} onClick={() => onPick(type)}>
                {t(`workflows.steps.types.${type}`)}
              </Menu.Item>
            ))}
          </div>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/** One list of steps (the top level or a branch's), with its steps and the button to add one at its end. */
export function StepList({ steps, listPath, listName, selected, actions }: { steps: Step[]; listPath: string; listName: string; selected: string | null; actions: TreeActions }) {
  const { t } = useTranslation();
  const { readOnly } = useEditor();
  return (
    <Stack gap={6} data-testid="step-list" data-path={listPath}>
      {steps.map((step, i) => (
        <StepCard key={step.id + i} step={step} path={`${listPath}[${i}]`} first={i === 0} last={i === steps.length - 1} selected={selected} actions={actions} />
      ))}
      {!steps.length && readOnly && (
        <Text size="xs" c="dimmed">
          {t('workflows.tree.emptyList')}
        </Text>
      )}
      {!readOnly && <AddStepMenu label={t('workflows.tree.addStepIn', { list: listName })} onPick={(type) => actions.add(listPath, type)} />}
    </Stack>
  );
}

function StepCard({ step, path, first, last, selected, actions }: { step: Step; path: string; first: boolean; last: boolean; selected: string | null; actions: TreeActions }) {
  const { t } = useTranslation();
  const { readOnly, directory, problemsOfStep } = useEditor();
  const problems = problemsOfStep(path);
  const summary = stepSummary(t, step, directory);
  const typeLabel = t(`workflows.steps.types.${step.type}`);
  const title = step.name || typeLabel;
  return (
    <Box>
      <Paper
        withBorder
        p={8}
        radius="sm"
        data-testid="step-card"
        data-step-id={step.id}
        data-invalid={problems.length ? 'true' : undefined}
        style={{
          borderColor: problems.length ? 'var(--mantine-color-red-5)' : selected === path ? 'var(--mantine-color-teal-5)' : undefined,
          background: selected === path ? 'var(--mantine-color-teal-0)' : undefined,
        }}
      >
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <UnstyledButton onClick={() => actions.open(path)} style={{ flex: 1, minWidth: 0 }} aria-label={t('workflows.tree.openStep', { name: title, id: step.id })}>
            <Group gap={8} wrap="nowrap" align="flex-start">
              <Box c="teal.7" pt={2}>
                <StepIcon type={step.type} />
              </Box>
              <Box miw={0}>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={600} truncate>
                    {title}
                  </Text>
                  {step.name && (
                    <Text size="xs" c="dimmed">
                      {typeLabel}
                    </Text>
                  )}
                  <Text size="10px" c="dimmed" ff="monospace" data-testid="step-id">
                    {step.id}
                  </Text>
                </Group>
                {!NO_SETTINGS.includes(step.type) && (
                  <Text size="xs" c={summary ? 'dimmed' : 'orange'} truncate data-testid="step-summary">
                    {summary || t('workflows.tree.notSet')}
                  </Text>
                )}
              </Box>
            </Group>
          </UnstyledButton>
          {problems.length > 0 && (
            <Badge color="red" size="sm" variant="light" data-testid="step-problem-count">
              {t('workflows.problems.count', { count: problems.length })}
            </Badge>
          )}
          {!readOnly && (
            <Group gap={2} wrap="nowrap">
              <ActionIcon variant="subtle" color="gray" size="sm" disabled={first} onClick={() => actions.move(path, -1)} aria-label={t('workflows.tree.moveUp', { id: step.id })}>
                ↑
              </ActionIcon>
              <ActionIcon variant="subtle" color="gray" size="sm" disabled={last} onClick={() => actions.move(path, 1)} aria-label={t('workflows.tree.moveDown', { id: step.id })}>
                ↓
              </ActionIcon>
              <ActionIcon variant="subtle" color="red" size="sm" onClick={() => actions.remove(path)} aria-label={t('workflows.tree.remove', { id: step.id })}>
                ×
              </ActionIcon>
            </Group>
          )}
        </Group>
      </Paper>
      <NestedLists step={step} path={path} selected={selected} actions={actions} />
    </Box>
  );
}

/** A branching step's lists, indented under their headers ("Si falla", each branch, "Si no", each choice…). */
function NestedLists({ step, path, selected, actions }: { step: Step; path: string; selected: string | null; actions: TreeActions }) {
  const { t } = useTranslation();
  const lists = childLists(step);
  if (!lists.length) return null;
  return (
    <Stack gap={6} mt={6} ml="lg" pl="sm" style={{ borderLeft: '2px solid var(--mantine-color-gray-3)' }}>
      {lists.map((list) => {
        const name = t(`workflows.tree.lists.${list.label.key}`, { name: list.label.name });
        return (
          <Box key={list.path} data-testid="nested-list" data-list={list.path}>
            <Text size="xs" fw={600} c="dimmed" mb={4}>
              {name}
            </Text>
            <StepList steps={list.steps} listPath={joinPath(path, list.path)} listName={name} selected={selected} actions={actions} />
          </Box>
        );
      })}
    </Stack>
  );
}
