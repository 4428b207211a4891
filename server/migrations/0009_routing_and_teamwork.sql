CREATE TYPE "public"."assignment_policy" AS ENUM('manual', 'round_robin', 'least_busy');--> statement-breakpoint
CREATE TYPE "public"."form_field_type" AS ENUM('text', 'number', 'select', 'date', 'checkbox');--> statement-breakpoint
CREATE TYPE "public"."closing_note_policy" AS ENUM('disabled', 'optional', 'category', 'category_and_summary');--> statement-breakpoint
CREATE TABLE "conversation_form_values" (
	"conversation_id" bigint NOT NULL,
	"team_id" bigint NOT NULL,
	"workspace_id" bigint NOT NULL,
	"values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_by" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_form_values_conversation_id_team_id_pk" PRIMARY KEY("conversation_id","team_id")
);
--> statement-breakpoint
CREATE TABLE "conversation_transfers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" bigint NOT NULL,
	"conversation_id" bigint NOT NULL,
	"from_team_id" bigint,
	"from_assignee_id" bigint,
	"to_team_id" bigint,
	"to_assignee_id" bigint,
	"by_user_id" bigint,
	"by_type" text NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_form_fields" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" bigint NOT NULL,
	"team_id" bigint NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"type" "form_field_type" NOT NULL,
	"options" text[] DEFAULT '{}'::text[] NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "business_hours" jsonb;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "queued_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "away_message_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "team_members" ADD COLUMN "last_assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "assignment_policy" "assignment_policy" DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "assign_statuses" "member_status"[] DEFAULT '{online}'::member_status[] NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "max_per_agent" integer;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "reassign_after_minutes" integer;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "return_when_offline" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "business_hours" jsonb;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "idle_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "max_conversations" integer;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "only_assignee_replies" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "closing_note_policy" "closing_note_policy" DEFAULT 'optional' NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "closing_message" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "close_resumes_bot" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "close_releases_assignee" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "auto_away_minutes" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "auto_offline_minutes" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "conversation_form_values" ADD CONSTRAINT "conversation_form_values_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_form_values" ADD CONSTRAINT "conversation_form_values_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_form_values" ADD CONSTRAINT "conversation_form_values_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_form_values" ADD CONSTRAINT "conversation_form_values_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_transfers" ADD CONSTRAINT "conversation_transfers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_transfers" ADD CONSTRAINT "conversation_transfers_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_transfers" ADD CONSTRAINT "conversation_transfers_from_team_id_teams_id_fk" FOREIGN KEY ("from_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_transfers" ADD CONSTRAINT "conversation_transfers_from_assignee_id_users_id_fk" FOREIGN KEY ("from_assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_transfers" ADD CONSTRAINT "conversation_transfers_to_team_id_teams_id_fk" FOREIGN KEY ("to_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_transfers" ADD CONSTRAINT "conversation_transfers_to_assignee_id_users_id_fk" FOREIGN KEY ("to_assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_transfers" ADD CONSTRAINT "conversation_transfers_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_form_fields" ADD CONSTRAINT "team_form_fields_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_form_fields" ADD CONSTRAINT "team_form_fields_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_transfers_ws_time_idx" ON "conversation_transfers" USING btree ("workspace_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "conversation_transfers_conversation_idx" ON "conversation_transfers" USING btree ("conversation_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "team_form_fields_team_key_uq" ON "team_form_fields" USING btree ("team_id","key");--> statement-breakpoint
CREATE INDEX "conversations_queue_idx" ON "conversations" USING btree ("workspace_id","team_id","priority" DESC NULLS LAST,"queued_at","id") WHERE status = 'queued' and assignee_id is null;--> statement-breakpoint
-- Conversations already waiting keep their place (oldest first); those already assigned count from their last activity.
UPDATE "conversations" SET "queued_at" = coalesce("last_inbound_at", "created_at") WHERE "status" = 'queued';--> statement-breakpoint
UPDATE "conversations" SET "assigned_at" = "last_activity_at" WHERE "assignee_id" IS NOT NULL AND "status" <> 'closed';
--> statement-breakpoint
-- Data: routing and the away message start at the end of an existing log (they serve the queues as they are now,
-- and customers are not answered about their history).
INSERT INTO "subscriber_cursors" ("name", "last_event_id") SELECT 'routing.assign', coalesce(max("id"), 0) FROM "events" ON CONFLICT ("name") DO NOTHING;--> statement-breakpoint
INSERT INTO "subscriber_cursors" ("name", "last_event_id") SELECT 'routing.away-message', coalesce(max("id"), 0) FROM "events" ON CONFLICT ("name") DO NOTHING;
