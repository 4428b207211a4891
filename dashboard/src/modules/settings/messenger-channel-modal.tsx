import { MetaChannelModal, type MetaChannelSpec } from './meta-channel-modal';

const messenger: MetaChannelSpec = { type: 'messenger', idField: 'pageId', tokenField: 'pageAccessToken' };

/** A Facebook Messenger channel: the Page's id and access token and the app secret; then the webhook URL and verify token to paste at Meta. */
export function MessengerChannelModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return <MetaChannelModal spec={messenger} opened={opened} onClose={onClose} />;
}
