import { Group, SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TIME_UNITS, type StepOf, type TimeUnit } from '../../workflow-types';
import { useEditor } from '../editor-context';
import { TimezoneSelect, WholeNumber, type StepFormProps } from './form-kit';

type Wait = StepOf<'wait'>;
type Mode = 'duration' | 'time_of_day' | 'datetime' | 'business_hours';
const MODES: Mode[] = ['duration', 'time_of_day', 'datetime', 'business_hours'];

const modeOf = (step: Wait): Mode => (step.duration ? 'duration' : (step.until?.kind ?? 'duration'));

/** Exactly one of `duration` and `until`, as the schema wants. */
function withMode(step: Wait, mode: Mode): Wait {
  const base = { id: step.id, type: step.type, ...(step.name !== undefined && { name: step.name }) };
  switch (mode) {
    case 'duration':
      return { ...base, duration: { amount: 1, unit: 'hours' } };
    case 'time_of_day':
      return { ...base, until: { kind: 'time_of_day', time: '09:00' } };
    case 'datetime':
      return { ...base, until: { kind: 'datetime', at: '' } };
    case 'business_hours':
      return { ...base, until: { kind: 'business_hours' } };
  }
}

/** `2025-03-01T14:30:00.000Z` → the `datetime-local` text of that instant here, and back. */
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}
const fromLocalInput = (text: string) => (text ? new Date(text).toISOString() : '');

export function WaitForm({ step, onChange }: StepFormProps<'wait'>) {
  const { t } = useTranslation();
  const { directory, readOnly } = useEditor();
  const mode = modeOf(step);
  const until = step.until;
  return (
    <Stack gap="sm">
      <SegmentedControl
        value={mode}
        onChange={(m) => onChange(withMode(step, m as Mode))}
        data={MODES.map((m) => ({ value: m, label: t(`workflows.wait.modes.${m}`) }))}
        aria-label={t('workflows.wait.mode')}
        disabled={readOnly}
        fullWidth
      />
      {step.duration && (
        <Group grow align="flex-start">
          <WholeNumber label={t('workflows.wait.amount')} value={step.duration.amount} min={1} max={1000} onChange={(amount) => onChange({ ...step, duration: { ...step.duration!, amount } })} />
          <Select
            label={t('workflows.wait.unit')}
            data={TIME_UNITS.map((u) => ({ value: u, label: t(`workflows.units.${u}`) }))}
            value={step.duration.unit}
            allowDeselect={false}
            onChange={(v) => v && onChange({ ...step, duration: { ...step.duration!, unit: v as TimeUnit } })}
          />
        </Group>
      )}
      {until?.kind === 'time_of_day' && (
        <>
          <TextInput type="time" label={t('workflows.wait.time')} value={until.time} onChange={(e) => onChange({ ...step, until: { ...until, time: e.currentTarget.value } })} />
          <TimezoneSelect value={until.timezone} onChange={(timezone) => onChange({ ...step, until: { kind: 'time_of_day', time: until.time, ...(timezone && { timezone }) } })} />
        </>
      )}
      {until?.kind === 'datetime' && (
        <TextInput type="datetime-local" label={t('workflows.wait.at')} description={t('workflows.wait.atHint')} value={toLocalInput(until.at)} onChange={(e) => onChange({ ...step, until: { kind: 'datetime', at: fromLocalInput(e.currentTarget.value) } })} />
      )}
      {until?.kind === 'business_hours' && (
        <Select
          label={t('workflows.wait.team')}
          placeholder={t('workflows.wait.workspaceHours')}
          clearable
          data={directory.teams.map((team) => ({ value: String(team.id), label: team.name }))}
          value={until.teamId ? String(until.teamId) : null}
          onChange={(v) => onChange({ ...step, until: v ? { kind: 'business_hours', teamId: Number(v) } : { kind: 'business_hours' } })}
        />
      )}
    </Stack>
  );
}
