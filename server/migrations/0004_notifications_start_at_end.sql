-- Data, not schema: the notifications subscriber starts at the end of an existing log, so an upgraded
-- installation is not notified of its whole history.
INSERT INTO "subscriber_cursors" ("name", "last_event_id") SELECT 'notifications', coalesce(max("id"), 0) FROM "events" ON CONFLICT ("name") DO NOTHING;
