import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { withActor } from '../use-case.js';
import { listNotificationsQuery, markReadBody, notificationPage, unreadCountDto } from './notifications.schemas.js';
import { countUnreadNotifications, listNotificationsUseCase } from './list-notifications.js';
import { markNotificationsRead } from './mark-notifications-read.js';

const tags = ['notifications'];

export function registerNotificationRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/notifications', {
    schema: { tags, summary: 'Your notifications in this workspace, newest first, with the unread count', querystring: listNotificationsQuery, response: { 200: notificationPage } },
  }, async (req) => listNotificationsUseCase(withActor(ctx, requireActor(req)), req.query));

  app.get('/api/v1/notifications/unread-count', {
    schema: { tags, summary: 'How many of your notifications are unread (the bell\'s badge)', response: { 200: unreadCountDto } },
  }, async (req) => countUnreadNotifications(withActor(ctx, requireActor(req))));

  app.post('/api/v1/notifications/read', {
    schema: { tags, summary: 'Mark notifications read: the ids given, or all', body: markReadBody, response: { 200: unreadCountDto } },
  }, async (req) => markNotificationsRead(withActor(ctx, requireActor(req)), req.body));
}
