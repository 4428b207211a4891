import { useState, type ComponentType } from 'react';
import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TelegramChannelModal } from './telegram-channel-modal';
import { WhatsAppChannelModal } from './whatsapp-channel-modal';
import { MessengerChannelModal } from './messenger-channel-modal';
import { InstagramChannelModal } from './instagram-channel-modal';
import { WebchatChannelModal } from './webchat-channel-modal';
import { EmailChannelModal } from './email-channel-modal';
import { FormChannelModal } from './form-channel-modal';
import { MessageBirdChannelModal, TwilioChannelModal, TwilioWhatsAppChannelModal, VonageChannelModal } from './sms-channel-modal';

type CreateModal = ComponentType<{ opened: boolean; onClose: () => void }>;

/** Every kind of channel an admin can connect, in the order the menu lists them (the API channel opens the caller's form). */
const kinds: Array<{ type: string; label: string; Modal: CreateModal }> = [
  { type: 'webchat', label: 'channels.types.webchat', Modal: WebchatChannelModal },
  { type: 'whatsapp', label: 'channels.types.whatsapp', Modal: WhatsAppChannelModal },
  { type: 'messenger', label: 'channels.types.messenger', Modal: MessengerChannelModal },
  { type: 'instagram', label: 'channels.types.instagram', Modal: InstagramChannelModal },
  { type: 'telegram', label: 'channels.types.telegram', Modal: TelegramChannelModal },
  { type: 'email', label: 'channels.types.email', Modal: EmailChannelModal },
  { type: 'twilio', label: 'channels.types.twilio', Modal: TwilioChannelModal },
  { type: 'twilio_whatsapp', label: 'channels.types.twilio_whatsapp', Modal: TwilioWhatsAppChannelModal },
  { type: 'vonage', label: 'channels.types.vonage', Modal: VonageChannelModal },
  { type: 'messagebird', label: 'channels.types.messagebird', Modal: MessageBirdChannelModal },
  { type: 'form', label: 'channels.types.form', Modal: FormChannelModal },
];

/** "Añadir canal": a menu of channel kinds, each opening its own set-up. */
export function NewChannelMenu({ onApi }: { onApi: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button data-testid="new-channel">{t('settings.channels.add')}</Button>
        </Menu.Target>
        <Menu.Dropdown>
          {kinds.map((k) => (
            <Menu.Item key={k.type} onClick={() => setOpen(k.type)}>
              {t(k.label)}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item onClick={onApi}>{t('channels.types.api')}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {kinds
        .filter((k) => k.type === open)
        .map(({ type, Modal }) => (
          <Modal key={type} opened onClose={() => setOpen(null)} />
        ))}
    </>
  );
}
