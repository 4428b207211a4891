import { useMemo, useRef, useState } from 'react';
import { ActionIcon, Button, Group, Select, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth';
import { timezoneOptions } from './workspace-settings';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];
export interface TimeRange {
  from: string;
  to: string;
}
/** Opening hours of a team or a channel, as the API takes them (server: routing/business-hours.types.ts); null: always open. */
export interface BusinessHours {
  timezone: string;
  days: Partial<Record<Weekday, TimeRange[]>>;
  /** Closed all day, local dates "YYYY-MM-DD". */
  holidays: string[];
  awayMessage: string;
}

const workdays: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const MAX_RANGES = 6;

export function defaultBusinessHours(timezone: string): BusinessHours {
  return { timezone, days: Object.fromEntries(workdays.map((d) => [d, [{ from: '09:00', to: '18:00' }]])), holidays: [], awayMessage: '' };
}

/** A time input cannot show 24:00: midnight as an end is entered and shown as 00:00. */
const endToInput = (to: string) => (to === '24:00' ? '00:00' : to);
const endFromInput = (v: string) => (v === '00:00' ? '24:00' : v);

/** What is wrong with one day's ranges, in the terms the server refuses: an end not after its start, or two ranges overlapping. */
export function dayProblem(ranges: TimeRange[] = []): 'order' | 'overlap' | null {
  if (ranges.some((r) => !r.from || !r.to || r.from >= r.to)) return 'order';
  const sorted = [...ranges].sort((a, b) => a.from.localeCompare(b.from));
  return sorted.some((r, i) => i > 0 && sorted[i - 1].to > r.from) ? 'overlap' : null;
}

/** Whether a form holding these hours may be saved (null, always open, may). */
export function businessHoursValid(value: BusinessHours | null): boolean {
  return value === null || weekdays.every((d) => dayProblem(value.days[d]) === null);
}

/** The next range of a day: an hour after the last one closes, or the morning when it has none. */
function nextRange(ranges: TimeRange[]): TimeRange {
  const last = ranges.at(-1);
  if (!last) return { from: '09:00', to: '18:00' };
  const hour = Math.min(Number(last.to.slice(0, 2)) + 1, 22);
  return { from: `${String(hour).padStart(2, '0')}:00`, to: `${String(hour + 1).padStart(2, '0')}:00` };
}

/**
 * A controlled editor of business hours: always open (null), or a time zone, ranges per weekday, holidays and the
 * away message sent while closed. Used by the channel and team settings; the parent saves `value`.
 */
export function BusinessHoursEditor({ value, onChange, disabled }: { value: BusinessHours | null; onChange: (value: BusinessHours | null) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const b = (key: string, options?: Record<string, unknown>) => t(`settings.businessHours.${key}`, options ?? {});
  const workspaceZone = useMe().data?.workspace.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  // Switching to "always open" and back restores what was being edited.
  const lastSchedule = useRef<BusinessHours | null>(value);
  if (value) lastSchedule.current = value;
  const zones = useMemo(() => timezoneOptions(value?.timezone ?? workspaceZone), [value?.timezone, workspaceZone]);
  const [holiday, setHoliday] = useState('');

  const alwaysOpen = value === null;
  const hours = value ?? defaultBusinessHours(workspaceZone);
  const set = (patch: Partial<BusinessHours>) => onChange({ ...hours, ...patch });
  const setDay = (day: Weekday, ranges: TimeRange[]) => set({ days: { ...hours.days, [day]: ranges } });
  const setRange = (day: Weekday, i: number, patch: Partial<TimeRange>) => setDay(day, (hours.days[day] ?? []).map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const copyMonday = () => {
    const monday = hours.days.mon ?? [];
    set({ days: { ...hours.days, ...Object.fromEntries(workdays.slice(1).map((d) => [d, monday.map((r) => ({ ...r }))])) } });
  };
  const addHoliday = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(holiday)) return;
    set({ holidays: [...new Set([...hours.holidays, holiday])].sort() });
    setHoliday('');
  };

  return (
    <Stack gap="sm" data-testid="business-hours-editor">
      <Switch
        label={b('alwaysOpen')}
        description={b('alwaysOpenHint')}
        checked={alwaysOpen}
        disabled={disabled}
        onChange={(e) => onChange(e.currentTarget.checked ? null : (lastSchedule.current ?? defaultBusinessHours(workspaceZone)))}
      />
      {!alwaysOpen && (
        <>
          <Select label={b('timezone')} data={zones} value={hours.timezone} onChange={(tz) => tz && set({ timezone: tz })} searchable allowDeselect={false} disabled={disabled} />
          <Stack gap={6}>
            <Text size="sm" fw={500}>{b('schedule')}</Text>
            <Text size="xs" c="dimmed">{b('scheduleHint')}</Text>
            {weekdays.map((day) => {
              const ranges = hours.days[day] ?? [];
              const problem = dayProblem(ranges);
              const dayName = b(`days.${day}`);
              return (
                <Stack key={day} gap={4} data-testid={`business-hours-${day}`}>
                  <Group gap="xs" align="center" wrap="wrap">
                    <Text size="sm" w={90}>{dayName}</Text>
                    {ranges.length === 0 && <Text size="sm" c="dimmed">{b('closed')}</Text>}
                    {ranges.map((r, i) => (
                      <Group key={i} gap={4} wrap="nowrap">
                        <TextInput type="time" size="xs" aria-label={b('from', { day: dayName, n: i + 1 })} value={r.from} disabled={disabled} onChange={(e) => setRange(day, i, { from: e.currentTarget.value })} />
                        <Text size="xs">–</Text>
                        <TextInput type="time" size="xs" aria-label={b('to', { day: dayName, n: i + 1 })} value={endToInput(r.to)} disabled={disabled} onChange={(e) => setRange(day, i, { to: endFromInput(e.currentTarget.value) })} />
                        <ActionIcon variant="subtle" color="gray" size="sm" aria-label={b('removeRange', { day: dayName, n: i + 1 })} disabled={disabled} onClick={() => setDay(day, ranges.filter((_, j) => j !== i))}>
                          ×
                        </ActionIcon>
                      </Group>
                    ))}
                    <Button size="compact-xs" variant="subtle" aria-label={b('addRange', { day: dayName })} disabled={disabled || ranges.length >= MAX_RANGES} onClick={() => setDay(day, [...ranges, nextRange(ranges)])}>
                      +
                    </Button>
                    {day === 'mon' && (
                      <Button size="compact-xs" variant="light" disabled={disabled} onClick={copyMonday}>
                        {b('copyMonday')}
                      </Button>
                    )}
                  </Group>
                  {problem && <Text size="xs" c="red" role="alert">{b(`problems.${problem}`, { day: dayName })}</Text>}
                </Stack>
              );
            })}
          </Stack>
          <Stack gap={6}>
            <Text size="sm" fw={500}>{b('holidays')}</Text>
            <Group gap="xs">
              {hours.holidays.length === 0 && <Text size="sm" c="dimmed">{b('noHolidays')}</Text>}
              {hours.holidays.map((date) => (
                <Group key={date} gap={2} wrap="nowrap" data-testid="business-hours-holiday">
                  <Text size="sm">{date}</Text>
                  <ActionIcon variant="subtle" color="gray" size="sm" aria-label={b('removeHoliday', { date })} disabled={disabled} onClick={() => set({ holidays: hours.holidays.filter((d) => d !== date) })}>
                    ×
                  </ActionIcon>
                </Group>
              ))}
            </Group>
            <Group gap="xs" align="flex-end">
              <TextInput
                type="date"
                size="xs"
                label={b('holidayDate')}
                value={holiday}
                disabled={disabled}
                onChange={(e) => setHoliday(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    addHoliday();
                  }
                }}
              />
              <Button size="xs" variant="light" disabled={disabled || !holiday} onClick={addHoliday}>
                {b('addHoliday')}
              </Button>
            </Group>
          </Stack>
          <Textarea
            label={b('awayMessage')}
            description={b('awayMessageHint')}
            value={hours.awayMessage}
            maxLength={2000}
            autosize
            minRows={2}
            disabled={disabled}
            onChange={(e) => set({ awayMessage: e.currentTarget.value })}
          />
        </>
      )}
    </Stack>
  );
}
