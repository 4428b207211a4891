import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Checkbox, Group, Modal, NumberInput, Select, Stack, Switch, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message';
import { BusinessHoursEditor, businessHoursValid } from './business-hours-editor';
import { TeamFormEditor } from './team-form-editor';
import { FormActions } from './settings-ui';
import { useSaveTeamRouting, type AssignmentPolicy, type MemberStatus, type Team, type TeamRouting } from './teams.api';

const policies: AssignmentPolicy[] = ['manual', 'round_robin', 'least_busy'];
const statuses: MemberStatus[] = ['online', 'away', 'busy', 'offline'];
const limit = (v: string | number) => (v === '' ? null : Number(v));

/** How a team works (issue 5): who its queue goes to, when it is open, and the form its agents fill. */
export function TeamRoutingModal({ team, onClose }: { team: Team | null; onClose: () => void }) {
  const { t } = useTranslation();
  const r = (key: string, options?: Record<string, unknown>) => t(`settings.teams.routing.${key}`, options ?? {});
  const save = useSaveTeamRouting();
  const [routing, setRouting] = useState<TeamRouting | null>(null);
  const { reset } = save;
  useEffect(() => {
    setRouting(team?.routing ?? null);
    reset();
  }, [team, reset]);
  const set = (patch: Partial<TeamRouting>) => setRouting((current) => (current ? { ...current, ...patch } : current));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!team || !routing || !businessHoursValid(routing.businessHours) || routing.assignStatuses.length === 0) return;
    save.mutate(
      { id: team.id, routing },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('settings.saved') });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened={team !== null} onClose={onClose} title={r('title', { name: team?.name ?? '' })} size="lg" centered>
      {team && routing && (
        <Tabs defaultValue="assignment">
          <Tabs.List mb="sm">
            <Tabs.Tab value="assignment">{r('assignmentTab')}</Tabs.Tab>
            <Tabs.Tab value="hours">{r('hoursTab')}</Tabs.Tab>
            <Tabs.Tab value="form">{r('formTab')}</Tabs.Tab>
          </Tabs.List>
          <form onSubmit={submit} noValidate>
            <Tabs.Panel value="assignment">
              <Stack gap="sm">
                {save.error && (
                  <Alert color="red" role="alert">
                    {errorMessage(t, save.error)}
                  </Alert>
                )}
                <Select
                  label={r('policy')}
                  description={r(`policyHint.${routing.policy}`)}
                  data={policies.map((p) => ({ value: p, label: r(`policies.${p}`) }))}
                  value={routing.policy}
                  onChange={(v) => v && set({ policy: v as AssignmentPolicy })}
                  allowDeselect={false}
                  data-testid="team-policy"
                />
                <Checkbox.Group
                  label={r('assignStatuses')}
                  description={r('assignStatusesHint')}
                  value={routing.assignStatuses}
                  onChange={(v) => set({ assignStatuses: v as MemberStatus[] })}
                  error={routing.assignStatuses.length === 0 ? r('assignStatusesRequired') : undefined}
                >
                  <Group mt={4}>
                    {statuses.map((s) => (
                      <Checkbox key={s} value={s} label={t(`presence.status.${s}`)} disabled={routing.policy === 'manual'} />
                    ))}
                  </Group>
                </Checkbox.Group>
                <NumberInput
                  label={r('maxPerAgent')}
                  description={r('maxPerAgentHint')}
                  placeholder={r('noLimit')}
                  min={1}
                  max={500}
                  allowDecimal={false}
                  value={routing.maxPerAgent ?? ''}
                  onChange={(v) => set({ maxPerAgent: limit(v) })}
                  disabled={routing.policy === 'manual'}
                />
                <NumberInput
                  label={r('reassignAfterMinutes')}
                  description={r('reassignAfterMinutesHint')}
                  placeholder={r('never')}
                  min={1}
                  max={10_080}
                  allowDecimal={false}
                  value={routing.reassignAfterMinutes ?? ''}
                  onChange={(v) => set({ reassignAfterMinutes: limit(v) })}
                />
                <Switch label={r('returnWhenOffline')} description={r('returnWhenOfflineHint')} checked={routing.returnWhenOffline} onChange={(e) => set({ returnWhenOffline: e.currentTarget.checked })} />
                <FormActions onCancel={onClose} loading={save.isPending} submitLabel={t('settings.save')} />
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="hours">
              <Stack gap="sm">
                <Text size="sm" c="dimmed">
                  {r('hoursHint')}
                </Text>
                <BusinessHoursEditor value={routing.businessHours} onChange={(businessHours) => set({ businessHours })} />
                <FormActions onCancel={onClose} loading={save.isPending} submitLabel={t('settings.save')} />
              </Stack>
            </Tabs.Panel>
          </form>
          <Tabs.Panel value="form">
            <TeamFormEditor teamId={team.id} />
          </Tabs.Panel>
        </Tabs>
      )}
    </Modal>
  );
}
