import { runChannelContract } from '../__contract__/channel-contract.js';
import { twilioAdapter } from './twilio.adapter.js';
import { twilioContractHarness } from '../../../../test/twilio-contract.js';

runChannelContract('twilio', twilioContractHarness(twilioAdapter, {
  whatsapp: false,
  skip: {
    handshake: 'Twilio has no verification request: the webhook URL is pasted on the number or Messaging Service',
    batch: 'Twilio posts one message or one status per request',
    interactive_reply: 'SMS has no buttons',
    reaction: 'SMS has no reactions',
    read: 'SMS has no read receipts (only WhatsApp through Twilio reports read)',
    echo: 'Twilio does not report messages sent from other clients',
    edit: 'SMS messages cannot be edited',
    send_interactive: 'SMS has no buttons: a reply with buttons goes out as text with numbered options (twilio.int.test.ts)',
  },
}));
