import { runChannelContract } from '../__contract__/channel-contract.js';
import { twilioWhatsAppAdapter } from './twilio-whatsapp.adapter.js';
import { twilioContractHarness } from '../../../../test/twilio-contract.js';

// WhatsApp through Twilio: the same fake, `whatsapp:` addresses, quick-reply taps and read receipts.
runChannelContract('twilio_whatsapp', twilioContractHarness(twilioWhatsAppAdapter, {
  whatsapp: true,
  skip: {
    handshake: 'Twilio has no verification request: the webhook URL is pasted on the WhatsApp sender',
    batch: 'Twilio posts one message or one status per request',
    reaction: 'Twilio does not deliver WhatsApp reactions to the messaging webhook',
    echo: 'Twilio does not report messages sent from other clients',
    edit: 'WhatsApp messages cannot be edited by the customer',
    send_interactive: 'Buttons need a Content template (twilio/quick-reply): a reply with buttons goes out as numbered text (twilio-whatsapp.int.test.ts)',
  },
}));
