import { ActionIcon, Group, Paper, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CONDITION_KINDS, CONDITION_OPERATORS, VALUE_OPERATORS, type Condition, type ConditionKind, type ConditionOperator, type ScalarValue } from '../../workflow-types';
import { useEditor } from '../editor-context';
import { CHANNEL_TYPES, contactFieldOptions, nameOptions } from '../field-options';
import { newCondition } from '../new-step';

const asText = (v: ScalarValue | undefined) => (v === undefined ? '' : String(v));

/** The value inputs an operator needs: one value, a from–to range, or none. */
function CompareInputs<C extends { operator: string; value?: ScalarValue; from?: ScalarValue; to?: ScalarValue }>({
  c,
  onChange,
  placeholder,
}: {
  c: C;
  onChange: (c: C) => void;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  if (c.operator === 'between') {
    return (
      <>
        <TextInput size="xs" aria-label={t('workflows.conditions.from')} placeholder={placeholder ?? t('workflows.conditions.from')} value={asText(c.from)} onChange={(e) => onChange({ ...c, from: e.currentTarget.value })} w={130} />
        <TextInput size="xs" aria-label={t('workflows.conditions.to')} placeholder={placeholder ?? t('workflows.conditions.to')} value={asText(c.to)} onChange={(e) => onChange({ ...c, to: e.currentTarget.value })} w={130} />
      </>
    );
  }
  if (!VALUE_OPERATORS.includes(c.operator as ConditionOperator)) return null;
  return <TextInput size="xs" aria-label={t('workflows.conditions.value')} placeholder={placeholder ?? t('workflows.conditions.value')} value={asText(c.value)} onChange={(e) => onChange({ ...c, value: e.currentTarget.value })} w={160} />;
}

/** Drops the values an operator does not use, so the saved condition holds only what it means. */
function withOperator(c: Condition, operator: string): Condition {
  if (c.kind === 'business_hours' || c.kind === 'channel') return { ...c, operator } as Condition;
  const { value, from, to, ...rest } = c as Condition & { value?: ScalarValue; from?: ScalarValue; to?: ScalarValue };
  const next = { ...rest, operator };
  if (operator === 'between') return { ...next, from: from ?? '', to: to ?? '' } as Condition;
  if (VALUE_OPERATORS.includes(operator as ConditionOperator)) return { ...next, value: value ?? '' } as Condition;
  return next as Condition;
}

const OPERATORS_OF: Record<ConditionKind, readonly string[]> = {
  contact_field: CONDITION_OPERATORS,
  variable: CONDITION_OPERATORS,
  tag: ['is', 'is_not', 'exists', 'not_exists'],
  channel: ['is', 'is_not'],
  business_hours: ['is', 'is_not'],
  current_date: ['gt', 'lt', 'between'],
};

/** What the condition looks at: a contact field, a variable, a tag, a channel, a team's hours, today's date. */
function Subject({ c, onChange }: { c: Condition; onChange: (c: Condition) => void }) {
  const { t } = useTranslation();
  const { directory } = useEditor();
  switch (c.kind) {
    case 'contact_field':
      return (
        <Select size="xs" w={180} searchable aria-label={t('workflows.conditions.field')} placeholder={t('workflows.conditions.field')} data={contactFieldOptions(t, directory.contactFields, c.field, { extraBuiltIns: ['lifecycle'] })} value={c.field || null} onChange={(v) => onChange({ ...c, field: v ?? '' })} />
      );
    case 'variable':
      return <TextInput size="xs" w={160} aria-label={t('workflows.conditions.variable')} placeholder={t('workflows.conditions.variable')} value={c.name} onChange={(e) => onChange({ ...c, name: e.currentTarget.value })} />;
    case 'tag':
      return (
        <Select size="xs" w={150} aria-label={t('workflows.conditions.scope')} data={(['contact', 'conversation'] as const).map((s) => ({ value: s, label: t(`workflows.scopes.${s}`) }))} value={c.scope} allowDeselect={false} onChange={(v) => onChange({ ...c, scope: (v ?? 'contact') as 'contact' })} />
      );
    default:
      return null;
  }
}

/** The kind-specific value of the kinds that do not compare free text. */
function KindValue({ c, onChange }: { c: Condition; onChange: (c: Condition) => void }) {
  const { t } = useTranslation();
  const { directory } = useEditor();
  switch (c.kind) {
    case 'tag':
      if (c.operator === 'exists' || c.operator === 'not_exists') return null;
      return <Select size="xs" w={180} searchable aria-label={t('workflows.conditions.tag')} placeholder={t('workflows.conditions.tag')} data={nameOptions(directory.tags.map((x) => x.name), [c.value])} value={c.value || null} onChange={(v) => onChange({ ...c, value: v ?? '' })} />;
    case 'channel': {
      const value = c.channelId !== undefined ? `id:${c.channelId}` : c.channelType !== undefined ? `type:${c.channelType}` : null;
      const data = [
        { group: t('workflows.conditions.channelTypes'), items: CHANNEL_TYPES.map((type) => ({ value: `type:${type}`, label: t(`channels.types.${type}`) })) },
        { group: t('workflows.conditions.channels'), items: directory.channels.map((ch) => ({ value: `id:${ch.id}`, label: ch.name })) },
      ].filter((g) => g.items.length);
      return (
        <Select size="xs" w={200} searchable aria-label={t('workflows.conditions.channel')} data={data} value={value} onChange={(v) => {
          const { channelId: _id, channelType: _type, ...rest } = c;
          if (!v) return onChange(rest);
          onChange(v.startsWith('id:') ? { ...rest, channelId: Number(v.slice(3)) } : { ...rest, channelType: v.slice(5) });
        }} />
      );
    }
    case 'business_hours':
      return (
        <>
          <Select size="xs" w={120} aria-label={t('workflows.conditions.hoursState')} data={(['open', 'closed'] as const).map((s) => ({ value: s, label: t(`workflows.conditions.hours.${s}`) }))} value={c.value} allowDeselect={false} onChange={(v) => onChange({ ...c, value: (v ?? 'open') as 'open' })} />
          <Select size="xs" w={180} clearable aria-label={t('workflows.conditions.team')} placeholder={t('workflows.conditions.conversationTeam')} data={directory.teams.map((team) => ({ value: String(team.id), label: team.name }))} value={c.teamId ? String(c.teamId) : null} onChange={(v) => {
            const { teamId: _team, ...rest } = c;
            onChange(v ? { ...rest, teamId: Number(v) } : rest);
          }} />
        </>
      );
    case 'current_date':
      return <CompareInputs c={c} onChange={onChange} placeholder={t('workflows.conditions.datePlaceholder')} />;
    default:
      return <CompareInputs c={c} onChange={onChange} />;
  }
}

export function ConditionRow({ condition: c, onChange, onRemove, index }: { condition: Condition; onChange: (c: Condition) => void; onRemove: () => void; index: number }) {
  const { t } = useTranslation();
  const { readOnly } = useEditor();
  return (
    <Paper withBorder p={6} radius="sm" data-testid="condition-row">
      <Group gap={6} wrap="wrap" align="center">
        <Select size="xs" w={170} aria-label={t('workflows.conditions.kind', { n: index + 1 })} data={CONDITION_KINDS.map((kind) => ({ value: kind, label: t(`workflows.conditions.kinds.${kind}`) }))} value={c.kind} allowDeselect={false} onChange={(v) => v && v !== c.kind && onChange(newCondition(v as ConditionKind))} />
        <Subject c={c} onChange={onChange} />
        <Select size="xs" w={150} aria-label={t('workflows.conditions.operator')} data={OPERATORS_OF[c.kind].map((op) => ({ value: op, label: t(`workflows.conditions.operators.${op}`) }))} value={c.operator} allowDeselect={false} onChange={(v) => v && onChange(withOperator(c, v))} />
        <KindValue c={c} onChange={onChange} />
        {!readOnly && (
          <ActionIcon variant="subtle" color="red" size="sm" ml="auto" onClick={onRemove} aria-label={t('workflows.conditions.remove', { n: index + 1 })}>
            ×
          </ActionIcon>
        )}
      </Group>
    </Paper>
  );
}
