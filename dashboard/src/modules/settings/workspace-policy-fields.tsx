import { NumberInput, Select, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ClosingNotePolicy } from '../../app/auth';
import type { FieldErrors } from '../auth/validation';
import { AUTO_AWAY_MAX, AUTO_OFFLINE_MAX, CLOSING_MESSAGE_MAX } from './settings-validation';
import type { Workspace, WorkspaceChanges } from './workspace.api';

/** The workspace's rules for conversations (ownership, closing) and presence, as the settings form edits them. */
export interface PolicyForm {
  onlyAssigneeReplies: boolean;
  closingNotePolicy: ClosingNotePolicy;
  closingMessage: string;
  closeResumesBot: boolean;
  closeReleasesAssignee: boolean;
  agentReplyPausesBot: boolean;
  autoAwayMinutes: number | string;
  autoOfflineMinutes: number | string;
}
export type PolicyField = keyof PolicyForm;
export const policyFields: PolicyField[] = ['onlyAssigneeReplies', 'closingNotePolicy', 'closingMessage', 'closeResumesBot', 'closeReleasesAssignee', 'agentReplyPausesBot', 'autoAwayMinutes', 'autoOfflineMinutes'];
export const closingNotePolicies: ClosingNotePolicy[] = ['disabled', 'optional', 'category', 'category_and_summary'];

export const policyForm = (w: Workspace): PolicyForm => ({
  onlyAssigneeReplies: w.onlyAssigneeReplies,
  closingNotePolicy: w.closingNotePolicy,
  closingMessage: w.closingMessage ?? '',
  closeResumesBot: w.closeResumesBot,
  closeReleasesAssignee: w.closeReleasesAssignee,
  agentReplyPausesBot: w.agentReplyPausesBot,
  autoAwayMinutes: w.autoAwayMinutes,
  autoOfflineMinutes: w.autoOfflineMinutes,
});

/** Only what changed travels; an empty closing message is none (null). */
export function policyChanges(saved: Workspace, form: PolicyForm): WorkspaceChanges {
  const changes: WorkspaceChanges = {};
  const message = form.closingMessage.trim() || null;
  if (form.onlyAssigneeReplies !== saved.onlyAssigneeReplies) changes.onlyAssigneeReplies = form.onlyAssigneeReplies;
  if (form.closingNotePolicy !== saved.closingNotePolicy) changes.closingNotePolicy = form.closingNotePolicy;
  if (message !== saved.closingMessage) changes.closingMessage = message;
  if (form.closeResumesBot !== saved.closeResumesBot) changes.closeResumesBot = form.closeResumesBot;
  if (form.closeReleasesAssignee !== saved.closeReleasesAssignee) changes.closeReleasesAssignee = form.closeReleasesAssignee;
  if (form.agentReplyPausesBot !== saved.agentReplyPausesBot) changes.agentReplyPausesBot = form.agentReplyPausesBot;
  if (Number(form.autoAwayMinutes) !== saved.autoAwayMinutes) changes.autoAwayMinutes = Number(form.autoAwayMinutes);
  if (Number(form.autoOfflineMinutes) !== saved.autoOfflineMinutes) changes.autoOfflineMinutes = Number(form.autoOfflineMinutes);
  return changes;
}

interface FieldsProps {
  form: PolicyForm;
  set: (field: PolicyField, value: PolicyForm[PolicyField]) => void;
  errors: FieldErrors<PolicyField>;
  readOnly: boolean;
}

function Heading({ title, description }: { title: string; description: string }) {
  return (
    <div>
      <Title order={4}>{title}</Title>
      <Text size="sm" c="dimmed">
        {description}
      </Text>
    </div>
  );
}

/** Ownership and closing (seeds 000, 001, 003 and 004). */
export function ConversationPolicyFields({ form, set, errors, readOnly }: FieldsProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" mt="md" data-testid="settings-conversations">
      <Heading title={t('settings.workspace.conversations.title')} description={t('settings.workspace.conversations.description')} />
      <Switch
        label={t('settings.workspace.conversations.onlyAssigneeReplies')}
        description={t('settings.workspace.conversations.onlyAssigneeRepliesHint')}
        checked={form.onlyAssigneeReplies}
        onChange={(e) => set('onlyAssigneeReplies', e.currentTarget.checked)}
        error={errors.onlyAssigneeReplies}
        disabled={readOnly}
      />
      <Select
        label={t('settings.workspace.conversations.closingNotePolicy')}
        description={t('settings.workspace.conversations.closingNotePolicyHint')}
        value={form.closingNotePolicy}
        onChange={(value) => value && set('closingNotePolicy', value as ClosingNotePolicy)}
        data={closingNotePolicies.map((p) => ({ value: p, label: t(`settings.workspace.conversations.policies.${p}`) }))}
        allowDeselect={false}
        error={errors.closingNotePolicy}
        disabled={readOnly}
        maw={420}
        comboboxProps={{ withinPortal: true }}
      />
      <Textarea
        label={t('settings.workspace.conversations.closingMessage')}
        description={t('settings.workspace.conversations.closingMessageHint')}
        placeholder={t('settings.workspace.conversations.closingMessagePlaceholder')}
        value={form.closingMessage}
        onChange={(e) => set('closingMessage', e.currentTarget.value)}
        autosize
        minRows={2}
        maxRows={6}
        error={errors.closingMessage}
        disabled={readOnly}
      />
      <Text size="xs" c={form.closingMessage.length > CLOSING_MESSAGE_MAX ? 'red' : 'dimmed'} ta="right" mt={-8}>
        {form.closingMessage.length}/{CLOSING_MESSAGE_MAX}
      </Text>
      <Switch
        label={t('settings.workspace.conversations.closeResumesBot')}
        description={t('settings.workspace.conversations.closeResumesBotHint')}
        checked={form.closeResumesBot}
        onChange={(e) => set('closeResumesBot', e.currentTarget.checked)}
        error={errors.closeResumesBot}
        disabled={readOnly}
      />
      <Switch
        label={t('settings.workspace.conversations.agentReplyPausesBot')}
        description={t('settings.workspace.conversations.agentReplyPausesBotHint')}
        checked={form.agentReplyPausesBot}
        onChange={(e) => set('agentReplyPausesBot', e.currentTarget.checked)}
        error={errors.agentReplyPausesBot}
        disabled={readOnly}
      />
      <Switch
        label={t('settings.workspace.conversations.closeReleasesAssignee')}
        description={t('settings.workspace.conversations.closeReleasesAssigneeHint')}
        checked={form.closeReleasesAssignee}
        onChange={(e) => set('closeReleasesAssignee', e.currentTarget.checked)}
        error={errors.closeReleasesAssignee}
        disabled={readOnly}
      />
    </Stack>
  );
}

/** Auto-away (the dashboard counts it) and auto-offline (the server's presence check). */
export function PresencePolicyFields({ form, set, errors, readOnly }: FieldsProps) {
  const { t } = useTranslation();
  const minutes = (field: 'autoAwayMinutes' | 'autoOfflineMinutes', max: number) => (
    <NumberInput
      label={t(`settings.workspace.presence.${field}`)}
      description={t(`settings.workspace.presence.${field}Hint`)}
      value={form[field]}
      onChange={(value) => set(field, value)}
      min={1}
      max={max}
      allowDecimal={false}
      allowNegative={false}
      suffix={` ${t('settings.workspace.minutesSuffix')}`}
      error={errors[field]}
      disabled={readOnly}
    />
  );
  return (
    <Stack gap="sm" mt="md" data-testid="settings-presence">
      <Heading title={t('settings.workspace.presence.title')} description={t('settings.workspace.presence.description')} />
      {minutes('autoAwayMinutes', AUTO_AWAY_MAX)}
      {minutes('autoOfflineMinutes', AUTO_OFFLINE_MAX)}
    </Stack>
  );
}
