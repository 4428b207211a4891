import { Chip, Group, MultiSelect, Select, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CLOSE_SOURCES, OPEN_SOURCES, TIME_UNITS, WEEKDAYS, type TimeUnit, type Trigger, type TriggerOf, type Weekday } from '../../workflow-types';
import { useEditor } from '../editor-context';
import { contactFieldOptions, nameOptions } from '../field-options';
import { OptionalNumber, TimezoneSelect, WholeNumber, without } from '../forms/form-kit';
import { PairRows } from '../mapping-rows';
import { HookUrl } from './hook-url';

interface Props<T extends Trigger['type']> {
  trigger: TriggerOf<T>;
  onChange: (trigger: Trigger) => void;
}

type WithSources = TriggerOf<'conversation_opened'> | TriggerOf<'conversation_closed'> | TriggerOf<'contact_tag_updated'> | TriggerOf<'contact_field_updated'>;

function Sources({ trigger, onChange }: { trigger: WithSources; onChange: (trigger: Trigger) => void }) {
  const { t } = useTranslation();
  const all = trigger.type === 'conversation_closed' ? CLOSE_SOURCES : OPEN_SOURCES;
  return (
    <MultiSelect
      label={t('workflows.trigger.sources')}
      description={t('workflows.trigger.sourcesHint')}
      data={all.map((s) => ({ value: s, label: t(`workflows.trigger.sourceNames.${s}`) }))}
      value={trigger.sources}
      onChange={(sources) => onChange({ ...trigger, sources } as Trigger)}
      clearable
    />
  );
}

function DateSettings({ trigger, onChange }: Props<'date'>) {
  const { t } = useTranslation();
  const { directory } = useEditor();
  const offset = trigger.offset;
  return (
    <Stack gap="sm">
      <Select label={t('workflows.trigger.dateField')} searchable data={contactFieldOptions(t, directory.contactFields, trigger.field, { customOnly: true, types: ['date'] })} value={trigger.field || null} onChange={(v) => onChange({ ...trigger, field: v ?? '' })} />
      <Group grow align="flex-start">
        <WholeNumber label={t('workflows.trigger.offsetAmount')} value={offset.amount} min={0} max={365} onChange={(amount) => onChange({ ...trigger, offset: { ...offset, amount } })} />
        <Select label={t('workflows.wait.unit')} data={TIME_UNITS.map((u) => ({ value: u, label: t(`workflows.units.${u}`) }))} value={offset.unit} allowDeselect={false} onChange={(v) => v && onChange({ ...trigger, offset: { ...offset, unit: v as TimeUnit } })} />
        <Select label={t('workflows.trigger.direction')} data={(['before', 'after'] as const).map((d) => ({ value: d, label: t(`workflows.trigger.directions.${d}`) }))} value={offset.direction} allowDeselect={false} onChange={(v) => v && onChange({ ...trigger, offset: { ...offset, direction: v as 'before' } })} />
      </Group>
      <TextInput type="time" label={t('workflows.trigger.time')} value={trigger.time} onChange={(e) => onChange({ ...trigger, time: e.currentTarget.value })} />
      <TimezoneSelect value={trigger.timezone} onChange={(timezone) => onChange(timezone ? { ...trigger, timezone } : without(trigger, 'timezone'))} />
      <Switch label={t('workflows.trigger.everyYear')} checked={trigger.everyYear} onChange={(e) => onChange({ ...trigger, everyYear: e.currentTarget.checked })} />
    </Stack>
  );
}

function ScheduleSettings({ trigger, onChange }: Props<'schedule'>) {
  const { t } = useTranslation();
  const { directory } = useEditor();
  return (
    <Stack gap="sm">
      <Select label={t('workflows.trigger.repeat')} data={(['once', 'daily', 'weekly', 'monthly'] as const).map((r) => ({ value: r, label: t(`workflows.trigger.repeats.${r}`) }))} value={trigger.repeat} allowDeselect={false} onChange={(v) => v && onChange({ ...trigger, repeat: v as typeof trigger.repeat })} />
      {trigger.repeat === 'once' && <TextInput type="date" label={t('workflows.trigger.date')} value={trigger.date ?? ''} onChange={(e) => onChange(e.currentTarget.value ? { ...trigger, date: e.currentTarget.value } : without(trigger, 'date'))} />}
      {trigger.repeat === 'weekly' && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('workflows.trigger.weekdays')}
          </Text>
          <Chip.Group multiple value={trigger.weekdays} onChange={(days) => onChange({ ...trigger, weekdays: WEEKDAYS.filter((d) => days.includes(d)) as Weekday[] })}>
            <Group gap={4}>
              {WEEKDAYS.map((d) => (
                <Chip key={d} value={d} size="xs">
                  {t(`workflows.trigger.days.${d}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Stack>
      )}
      {trigger.repeat === 'monthly' && <OptionalNumber label={t('workflows.trigger.dayOfMonth')} value={trigger.dayOfMonth} min={1} max={31} onChange={(v) => onChange(v === undefined ? without(trigger, 'dayOfMonth') : { ...trigger, dayOfMonth: v })} />}
      <TextInput type="time" label={t('workflows.trigger.time')} value={trigger.time} onChange={(e) => onChange({ ...trigger, time: e.currentTarget.value })} />
      <TimezoneSelect value={trigger.timezone} onChange={(timezone) => onChange(timezone ? { ...trigger, timezone } : without(trigger, 'timezone'))} />
      <TagsInput label={t('workflows.trigger.audienceTags')} description={t('workflows.trigger.audienceTagsHint')} data={directory.tags.map((tag) => tag.name)} value={trigger.audienceTags} onChange={(audienceTags) => onChange({ ...trigger, audienceTags })} />
    </Stack>
  );
}

function WebhookSettings({ trigger, onChange, hookUrl }: Props<'incoming_webhook'> & { hookUrl: string | null }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <HookUrl url={hookUrl} />
      <Group grow align="flex-start">
        <Select label={t('workflows.trigger.contactBy')} data={(['phone', 'email', 'contact_id'] as const).map((b) => ({ value: b, label: t(`workflows.trigger.contactByNames.${b}`) }))} value={trigger.contact.by} allowDeselect={false} onChange={(v) => v && onChange({ ...trigger, contact: { ...trigger.contact, by: v as 'phone' } })} />
        <TextInput label={t('workflows.trigger.contactPath')} placeholder="data.phone" value={trigger.contact.path} onChange={(e) => onChange({ ...trigger, contact: { ...trigger.contact, path: e.currentTarget.value } })} />
      </Group>
      <Switch label={t('workflows.trigger.createContact')} checked={trigger.createContact} onChange={(e) => onChange({ ...trigger, createContact: e.currentTarget.checked })} />
      <PairRows label={t('workflows.trigger.variables')} rows={trigger.variables} keys={['path', 'variable']} placeholders={[t('workflows.http.responsePath'), t('workflows.http.variable')]} onChange={(variables) => onChange({ ...trigger, variables })} addLabel={t('workflows.http.addSave')} />
    </Stack>
  );
}

function NamesInput({ label, description, value, onChange, suggestions = [] }: { label: string; description?: string; value: string[]; onChange: (v: string[]) => void; suggestions?: string[] }) {
  return <TagsInput label={label} description={description} data={suggestions} value={value} onChange={onChange} clearable />;
}

/** The settings of the chosen trigger type. */
export function TriggerSettings({ trigger, onChange, hookUrl }: { trigger: Trigger; onChange: (t: Trigger) => void; hookUrl: string | null }) {
  const { t } = useTranslation();
  const { directory } = useEditor();
  switch (trigger.type) {
    case 'conversation_opened':
      return <Sources trigger={trigger} onChange={onChange} />;
    case 'conversation_closed':
      return (
        <Stack gap="sm">
          <Sources trigger={trigger} onChange={onChange} />
          <MultiSelect label={t('workflows.trigger.categories')} description={t('workflows.trigger.categoriesHint')} searchable data={nameOptions(directory.closingCategories.map((c) => c.name), trigger.categories)} value={trigger.categories} onChange={(categories) => onChange({ ...trigger, categories })} clearable />
        </Stack>
      );
    case 'message_received':
      return <NamesInput label={t('workflows.trigger.keywords')} description={t('workflows.trigger.keywordsHint')} value={trigger.keywords} onChange={(keywords) => onChange({ ...trigger, keywords })} />;
    case 'contact_tag_updated':
      return (
        <Stack gap="sm">
          <Select label={t('workflows.trigger.change')} data={(['added', 'removed'] as const).map((c) => ({ value: c, label: t(`workflows.trigger.changes.${c}`) }))} value={trigger.change} allowDeselect={false} onChange={(v) => v && onChange({ ...trigger, change: v as 'added' })} />
          <NamesInput label={t('workflows.trigger.tags')} description={t('workflows.trigger.tagsHint')} suggestions={directory.tags.map((tag) => tag.name)} value={trigger.tags} onChange={(tags) => onChange({ ...trigger, tags })} />
          <Sources trigger={trigger} onChange={onChange} />
        </Stack>
      );
    case 'contact_field_updated':
      return (
        <Stack gap="sm">
          <MultiSelect label={t('workflows.trigger.fields')} searchable data={contactFieldOptions(t, directory.contactFields, null)} value={trigger.fields} onChange={(fields) => onChange({ ...trigger, fields })} />
          <Sources trigger={trigger} onChange={onChange} />
        </Stack>
      );
    case 'shortcut':
      return (
        <Stack gap="sm">
          <TextInput label={t('workflows.trigger.shortcutName')} description={t('workflows.trigger.shortcutNameHint')} value={trigger.name} maxLength={100} onChange={(e) => onChange({ ...trigger, name: e.currentTarget.value })} />
          <MultiSelect label={t('workflows.trigger.teams')} description={t('workflows.trigger.teamsHint')} data={directory.teams.map((team) => ({ value: String(team.id), label: team.name }))} value={trigger.teamIds.map(String)} onChange={(ids) => onChange({ ...trigger, teamIds: ids.map(Number) })} clearable />
        </Stack>
      );
    case 'incoming_webhook':
      return <WebhookSettings trigger={trigger} onChange={onChange} hookUrl={hookUrl} />;
    case 'date':
      return <DateSettings trigger={trigger} onChange={onChange} />;
    case 'schedule':
      return <ScheduleSettings trigger={trigger} onChange={onChange} />;
    case 'lifecycle_updated':
      return (
        <Group grow align="flex-start">
          <NamesInput label={t('workflows.trigger.fromStages')} description={t('workflows.trigger.anyStage')} value={trigger.from} onChange={(from) => onChange({ ...trigger, from })} />
          <NamesInput label={t('workflows.trigger.toStages')} description={t('workflows.trigger.anyStage')} value={trigger.to} onChange={(to) => onChange({ ...trigger, to })} />
        </Group>
      );
    case 'call_ended':
      return <NamesInput label={t('workflows.trigger.outcomes')} description={t('workflows.trigger.outcomesHint')} value={trigger.outcomes} onChange={(outcomes) => onChange({ ...trigger, outcomes })} />;
  }
}
