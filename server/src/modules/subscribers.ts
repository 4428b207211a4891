import type { Subscriber } from '../platform/events/dispatcher.js';
import { outboundSubscriber } from './messages/outbound.subscriber.js';
import { inboundMediaSubscriber } from './messages/fetch-inbound-media.job.js';
import { snoozeSubscriber } from './conversations/wake-conversation.job.js';
import { dailyActivityProjection } from './reports/daily-activity.projection.js';
import { notificationsSubscriber } from './notifications/notifications.subscriber.js';
import { transcriptSubscriber } from './conversations/send-transcript.job.js';

/** Every durable subscriber of the event log. */
export const subscribers: Subscriber[] = [outboundSubscriber, inboundMediaSubscriber, snoozeSubscriber, dailyActivityProjection, notificationsSubscriber, transcriptSubscriber];
