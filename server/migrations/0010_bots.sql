CREATE TABLE "bot_intents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" bigint NOT NULL,
	"bot_id" bigint NOT NULL,
	"name" text NOT NULL,
	"examples" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"answer" jsonb NOT NULL,
	"handoff" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bot_turns" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" bigint NOT NULL,
	"conversation_id" bigint NOT NULL,
	"bot_id" bigint,
	"inbound_message_id" bigint NOT NULL,
	"question" text NOT NULL,
	"question_key" text NOT NULL,
	"intent_id" bigint,
	"intent_name" text,
	"confidence" real,
	"outcome" text NOT NULL,
	"handoff_reason" text,
	"answer" text DEFAULT '' NOT NULL,
	"flagged" boolean DEFAULT false NOT NULL,
	"flag_note" text,
	"flagged_by" bigint,
	"flagged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" bigint NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secrets_ciphertext" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "bot_id" bigint;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "bot_id" bigint;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "bot_state" jsonb;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "bot_handed_off_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "bot_resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "agent_reply_pauses_bot" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "bot_intents" ADD CONSTRAINT "bot_intents_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_intents" ADD CONSTRAINT "bot_intents_bot_id_bots_id_fk" FOREIGN KEY ("bot_id") REFERENCES "public"."bots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_turns" ADD CONSTRAINT "bot_turns_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_turns" ADD CONSTRAINT "bot_turns_bot_id_bots_id_fk" FOREIGN KEY ("bot_id") REFERENCES "public"."bots"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_turns" ADD CONSTRAINT "bot_turns_intent_id_bot_intents_id_fk" FOREIGN KEY ("intent_id") REFERENCES "public"."bot_intents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_turns" ADD CONSTRAINT "bot_turns_flagged_by_users_id_fk" FOREIGN KEY ("flagged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bots" ADD CONSTRAINT "bots_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bot_intents_bot_idx" ON "bot_intents" USING btree ("bot_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "bot_turns_inbound_uq" ON "bot_turns" USING btree ("inbound_message_id");--> statement-breakpoint
CREATE INDEX "bot_turns_ws_created_idx" ON "bot_turns" USING btree ("workspace_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "bot_turns_conversation_idx" ON "bot_turns" USING btree ("conversation_id","id");--> statement-breakpoint
CREATE INDEX "bot_turns_flagged_idx" ON "bot_turns" USING btree ("workspace_id","flagged_at" DESC NULLS LAST) WHERE flagged;--> statement-breakpoint
CREATE INDEX "bots_ws_idx" ON "bots" USING btree ("workspace_id");--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_bot_id_bots_id_fk" FOREIGN KEY ("bot_id") REFERENCES "public"."bots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_bot_id_bots_id_fk" FOREIGN KEY ("bot_id") REFERENCES "public"."bots"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- The bot answers messages from now on, not the log written before it existed.
INSERT INTO "subscriber_cursors" ("name", "last_event_id") SELECT 'bots.answer', coalesce(max("id"), 0) FROM "events" ON CONFLICT ("name") DO NOTHING;
