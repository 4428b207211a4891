import type { Subscriber } from '../platform/events/dispatcher.js';

/** Every durable subscriber of the event log. */
export const subscribers: Subscriber[] = [];
