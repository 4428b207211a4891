import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Condition, MatchMode } from '../../workflow-types';
import { useEditor } from '../editor-context';
import { newCondition } from '../new-step';
import { ConditionRow } from './condition-row';

/** A list of conditions and whether all or any must hold: a trigger's filter, a branch's test. */
export function ConditionsEditor({
  label,
  conditions,
  match,
  onChange,
  emptyText,
}: {
  label: string;
  conditions: Condition[];
  match: MatchMode;
  onChange: (conditions: Condition[], match: MatchMode) => void;
  emptyText: string;
}) {
  const { t } = useTranslation();
  const { readOnly } = useEditor();
  const set = (i: number, c: Condition) => onChange(conditions.map((x, j) => (j === i ? c : x)), match);
  return (
    <Stack gap={6} data-testid="conditions-editor">
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={500}>
          {label}
        </Text>
        {conditions.length > 1 && (
          <SegmentedControl
            size="xs"
            value={match}
            onChange={(v) => onChange(conditions, v as MatchMode)}
            data={(['all', 'any'] as const).map((m) => ({ value: m, label: t(`workflows.conditions.match.${m}`) }))}
            aria-label={t('workflows.conditions.matchLabel')}
            disabled={readOnly}
          />
        )}
      </Group>
      {!conditions.length && (
        <Text size="xs" c="dimmed">
          {emptyText}
        </Text>
      )}
      {conditions.map((c, i) => (
        <ConditionRow key={i} index={i} condition={c} onChange={(next) => set(i, next)} onRemove={() => onChange(conditions.filter((_, j) => j !== i), match)} />
      ))}
      {!readOnly && (
        <Button variant="subtle" size="compact-xs" style={{ alignSelf: 'flex-start' }} onClick={() => onChange([...conditions, newCondition('contact_field')], match)}>
          {t('workflows.conditions.add')}
        </Button>
      )}
    </Stack>
  );
}
