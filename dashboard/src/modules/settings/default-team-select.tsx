import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTeams } from './teams.api';

/** The team whose queue a channel's new conversations wait in (none: no team). */
export function DefaultTeamSelect({ value, onChange, error }: { value: string | null; onChange: (teamId: string | null) => void; error?: string }) {
  const { t } = useTranslation();
  const teams = useTeams();
  return (
    <Select
      label={t('settings.channels.defaultTeam')}
      description={t('settings.channels.defaultTeamHint')}
      placeholder={t('settings.channels.noTeam')}
      data={(teams.data ?? []).map((team) => ({ value: String(team.id), label: team.name }))}
      value={value}
      onChange={onChange}
      error={error}
      clearable
    />
  );
}
