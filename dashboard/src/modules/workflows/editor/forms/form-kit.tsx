import { useMemo } from 'react';
import { NumberInput, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { timezoneOptions } from '../../../settings/workspace-settings';
import type { StepOf, StepType } from '../../workflow-types';

/** What every step form gets: its step, and where to put the changed step (applied to the draft at once). */
export interface StepFormProps<T extends StepType> {
  step: StepOf<T>;
  onChange: (step: StepOf<T>) => void;
}

/** A step without the key, so an optional setting can be cleared rather than saved as undefined. */
export function without<T extends object, K extends keyof T>(obj: T, key: K): Omit<T, K> {
  const { [key]: _dropped, ...rest } = obj;
  return rest;
}

/** A whole number that may be left empty (an optional timeout, a limit). */
export function OptionalNumber({
  label,
  description,
  value,
  onChange,
  min,
  max,
}: {
  label: string;
  description?: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  min: number;
  max: number;
}) {
  return (
    <NumberInput
      label={label}
      description={description}
      value={value ?? ''}
      min={min}
      max={max}
      allowDecimal={false}
      allowNegative={false}
      onChange={(v) => onChange(typeof v === 'number' ? v : v === '' ? undefined : Number(v) || undefined)}
    />
  );
}

/** A required whole number: an empty field keeps the last value rather than saving nothing. */
export function WholeNumber({ label, value, onChange, min, max, description }: { label: string; value: number; onChange: (value: number) => void; min: number; max: number; description?: string }) {
  return (
    <NumberInput
      label={label}
      description={description}
      value={value}
      min={min}
      max={max}
      allowDecimal={false}
      allowNegative={false}
      onChange={(v) => typeof v === 'number' && onChange(v)}
    />
  );
}

/** An optional IANA time zone; empty means the workspace's. */
export function TimezoneSelect({ value, onChange }: { value: string | undefined; onChange: (value: string | undefined) => void }) {
  const { t } = useTranslation();
  const zones = useMemo(() => timezoneOptions(value ?? ''), [value]);
  return (
    <Select
      label={t('workflows.timezone')}
      placeholder={t('workflows.workspaceTimezone')}
      searchable
      clearable
      data={zones}
      value={value ?? null}
      onChange={(v) => onChange(v ?? undefined)}
    />
  );
}
