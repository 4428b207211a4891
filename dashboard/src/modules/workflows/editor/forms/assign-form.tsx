import { SegmentedControl, Select, Stack, Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../editor-context';
import { OptionalNumber, without, type StepFormProps } from './form-kit';

/** Assign to an agent or to a team (round robin or least busy), with who qualifies and what happens when nobody does. */
export function AssignForm({ step, onChange }: StepFormProps<'assign'>) {
  const { t } = useTranslation();
  const { directory, readOnly } = useEditor();
  const target = step.target;
  return (
    <Stack gap="sm">
      <SegmentedControl
        value={target.kind}
        onChange={(kind) => onChange({ ...step, target: kind === 'agent' ? { kind: 'agent', userId: null } : { kind: 'team', teamId: null, strategy: 'round_robin' } })}
        data={(['team', 'agent'] as const).map((k) => ({ value: k, label: t(`workflows.assign.kinds.${k}`) }))}
        aria-label={t('workflows.assign.to')}
        disabled={readOnly}
        fullWidth
      />
      {target.kind === 'agent' ? (
        <Select
          label={t('workflows.assign.agent')}
          searchable
          data={directory.members.filter((m) => m.active || m.id === target.userId).map((m) => ({ value: String(m.id), label: m.name }))}
          value={target.userId ? String(target.userId) : null}
          onChange={(v) => onChange({ ...step, target: { kind: 'agent', userId: v ? Number(v) : null } })}
        />
      ) : (
        <>
          <Select
            label={t('workflows.assign.team')}
            searchable
            data={directory.teams.map((team) => ({ value: String(team.id), label: team.name }))}
            value={target.teamId ? String(target.teamId) : null}
            onChange={(v) => onChange({ ...step, target: { ...target, teamId: v ? Number(v) : null } })}
          />
          <Select
            label={t('workflows.assign.strategy')}
            data={(['round_robin', 'least_busy'] as const).map((s) => ({ value: s, label: t(`workflows.assign.strategies.${s}`) }))}
            value={target.strategy}
            allowDeselect={false}
            onChange={(v) => v && onChange({ ...step, target: { ...target, strategy: v as typeof target.strategy } })}
          />
        </>
      )}
      <Switch label={t('workflows.assign.onlineOnly')} checked={step.onlineOnly} onChange={(e) => onChange({ ...step, onlineOnly: e.currentTarget.checked })} />
      <OptionalNumber
        label={t('workflows.assign.maxOpen')}
        description={t('workflows.assign.maxOpenHint')}
        value={step.maxOpenConversations}
        min={1}
        max={1000}
        onChange={(v) => onChange(v === undefined ? without(step, 'maxOpenConversations') : { ...step, maxOpenConversations: v })}
      />
      <Switch label={t('workflows.assign.queueWhenNobody')} description={t('workflows.assign.queueWhenNobodyHint')} checked={step.queueWhenNobody} onChange={(e) => onChange({ ...step, queueWhenNobody: e.currentTarget.checked })} />
      <OptionalNumber
        label={t('workflows.assign.timeout')}
        description={t('workflows.assign.timeoutHint')}
        value={step.timeoutMinutes}
        min={1}
        max={43_200}
        onChange={(v) => onChange(v === undefined ? without(step, 'timeoutMinutes') : { ...step, timeoutMinutes: v })}
      />
    </Stack>
  );
}
