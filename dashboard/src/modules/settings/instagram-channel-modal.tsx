import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MetaChannelModal, type MetaChannelSpec } from './meta-channel-modal';

/** Which login the Meta app uses: Instagram Login (graph.instagram.com, the default) or Facebook Login through the linked Page. */
function LoginChoice({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id="instagram-login-label">
        {t('settings.channels.instagram.login')}
      </Text>
      <SegmentedControl
        aria-labelledby="instagram-login-label"
        value={value}
        onChange={onChange}
        data={[
          { value: 'instagram', label: t('settings.channels.instagram.loginInstagram') },
          { value: 'facebook', label: t('settings.channels.instagram.loginFacebook') },
        ]}
      />
      <Text size="xs" c="dimmed">
        {t(value === 'facebook' ? 'settings.channels.instagram.loginFacebookHint' : 'settings.channels.instagram.loginInstagramHint')}
      </Text>
    </Stack>
  );
}

const instagram: MetaChannelSpec = {
  type: 'instagram',
  idField: 'accountId',
  tokenField: 'accessToken',
  initialExtra: { apiHost: 'instagram' },
  extraConfig: (extra) => ({ apiHost: extra.apiHost === 'facebook' ? 'facebook' : 'instagram' }),
  renderExtra: (extra, setExtra) => <LoginChoice value={extra.apiHost ?? 'instagram'} onChange={(v) => setExtra('apiHost', v)} />,
};

/** An Instagram channel: the professional account's id, its token (Instagram or Facebook Login) and the app secret; then what to paste at Meta. */
export function InstagramChannelModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return <MetaChannelModal spec={instagram} opened={opened} onClose={onClose} />;
}
