import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StepOf } from '../../workflow-types';
import { ConditionsEditor } from '../conditions/conditions-editor';
import { takenIds } from '../definition-edit';
import { useEditor } from '../editor-context';
import { idMaker } from '../new-step';
import type { StepFormProps } from './form-kit';

type Branch = StepOf<'branch'>['branches'][number];

/** Named branches tried in order, each with its conditions; the first that holds runs, else "Si no". */
export function BranchForm({ step, onChange }: StepFormProps<'branch'>) {
  const { t } = useTranslation();
  const { definition, readOnly } = useEditor();
  const set = (i: number, branch: Branch) => onChange({ ...step, branches: step.branches.map((b, j) => (j === i ? branch : b)) });
  const move = (i: number, to: number) => {
    const branches = [...step.branches];
    [branches[i], branches[to]] = [branches[to]!, branches[i]!];
    onChange({ ...step, branches });
  };
  return (
    <Stack gap="sm">
      <Text size="xs" c="dimmed">
        {t('workflows.branch.hint')}
      </Text>
      {step.branches.map((b, i) => (
        <Paper key={b.id} withBorder p="xs" radius="sm" data-testid="branch-settings">
          <Stack gap={6}>
            <Group gap={6} wrap="nowrap" align="flex-end">
              <TextInput
                style={{ flex: 1 }}
                label={t('workflows.branch.name', { n: i + 1 })}
                placeholder={t('workflows.tree.lists.branch', { name: String(i + 1) })}
                value={b.name}
                onChange={(e) => set(i, { ...b, name: e.currentTarget.value })}
              />
              {!readOnly && (
                <>
                  <ActionIcon variant="subtle" color="gray" mb={6} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t('workflows.branch.moveUp', { n: i + 1 })}>
                    ↑
                  </ActionIcon>
                  <ActionIcon variant="subtle" color="gray" mb={6} disabled={i === step.branches.length - 1} onClick={() => move(i, i + 1)} aria-label={t('workflows.branch.moveDown', { n: i + 1 })}>
                    ↓
                  </ActionIcon>
                  <ActionIcon variant="subtle" color="red" mb={6} onClick={() => onChange({ ...step, branches: step.branches.filter((_, j) => j !== i) })} aria-label={t('workflows.branch.remove', { n: i + 1 })}>
                    ×
                  </ActionIcon>
                </>
              )}
            </Group>
            <ConditionsEditor
              label={t('workflows.branch.conditions')}
              emptyText={t('workflows.branch.noConditions')}
              conditions={b.conditions}
              match={b.match}
              onChange={(conditions, match) => set(i, { ...b, conditions, match })}
            />
          </Stack>
        </Paper>
      ))}
      {!readOnly && step.branches.length < 20 && (
        <Button
          variant="light"
          size="xs"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => onChange({ ...step, branches: [...step.branches, { id: idMaker(takenIds(definition))('b'), name: '', conditions: [], match: 'all', steps: [] }] })}
        >
          {t('workflows.branch.add')}
        </Button>
      )}
    </Stack>
  );
}
