import { Alert, List, Paper, Select, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { problemText } from '../../problem-text';
import { TRIGGER_TYPES, type Trigger, type TriggerType } from '../../workflow-types';
import { ConditionsEditor } from '../conditions/conditions-editor';
import { useEditor } from '../editor-context';
import { newTrigger } from '../new-step';
import { TriggerSettings } from './trigger-settings';

/** What starts a run: the trigger type, its settings, the conditions that narrow it, and "once per contact". */
export function TriggerCard({ trigger, onChange, hookUrl }: { trigger: Trigger; onChange: (trigger: Trigger) => void; hookUrl: string | null }) {
  const { t } = useTranslation();
  const { readOnly, triggerProblems } = useEditor();
  return (
    <Paper withBorder p="md" radius="md" data-testid="trigger-card" style={{ borderColor: triggerProblems.length ? 'var(--mantine-color-red-5)' : undefined }}>
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="sm">
          <Text fw={600}>{t('workflows.trigger.title')}</Text>
          {triggerProblems.length > 0 && (
            <Alert color="red" variant="light" data-testid="trigger-problems">
              <List size="sm">
                {triggerProblems.map((p, i) => (
                  <List.Item key={i}>{problemText(t, p)}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          <Select
            label={t('workflows.trigger.type')}
            data={TRIGGER_TYPES.map((type) => ({ value: type, label: t(`workflows.triggers.${type}`) }))}
            value={trigger.type}
            allowDeselect={false}
            onChange={(v) => v && v !== trigger.type && onChange(newTrigger(v as TriggerType, trigger))}
          />
          <Text size="xs" c="dimmed">
            {t(`workflows.triggerHints.${trigger.type}`)}
          </Text>
          <TriggerSettings trigger={trigger} onChange={onChange} hookUrl={hookUrl} />
          <ConditionsEditor
            label={t('workflows.trigger.conditions')}
            emptyText={t('workflows.trigger.noConditions')}
            conditions={trigger.conditions}
            match={trigger.match}
            onChange={(conditions, match) => onChange({ ...trigger, conditions, match })}
          />
          <Switch label={t('workflows.trigger.oncePerContact')} description={t('workflows.trigger.oncePerContactHint')} checked={trigger.oncePerContact} onChange={(e) => onChange({ ...trigger, oncePerContact: e.currentTarget.checked })} />
        </Stack>
      </fieldset>
    </Paper>
  );
}
