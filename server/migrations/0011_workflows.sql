CREATE TABLE "workflow_run_steps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" bigint NOT NULL,
	"step_id" text NOT NULL,
	"step_type" text NOT NULL,
	"outcome" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflow_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" bigint NOT NULL,
	"workflow_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"contact_id" bigint,
	"conversation_id" bigint,
	"trigger_key" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"cursor" jsonb,
	"vars" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"steps_run" integer DEFAULT 0 NOT NULL,
	"test" boolean DEFAULT false NOT NULL,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "workflow_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workflow_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"published_by" bigint,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflows" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" bigint NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"draft" jsonb NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"trigger_type" text,
	"hook_token" text,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "snippets_ws_shortcut_uq";--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "lifecycle_stage" text;--> statement-breakpoint
ALTER TABLE "snippets" ADD COLUMN "team_id" bigint;--> statement-breakpoint
ALTER TABLE "snippets" ADD COLUMN "action" text;--> statement-breakpoint
ALTER TABLE "workflow_run_steps" ADD CONSTRAINT "workflow_run_steps_run_id_workflow_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."workflow_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD CONSTRAINT "workflow_runs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD CONSTRAINT "workflow_runs_workflow_id_workflows_id_fk" FOREIGN KEY ("workflow_id") REFERENCES "public"."workflows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_versions" ADD CONSTRAINT "workflow_versions_workflow_id_workflows_id_fk" FOREIGN KEY ("workflow_id") REFERENCES "public"."workflows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_versions" ADD CONSTRAINT "workflow_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflows" ADD CONSTRAINT "workflows_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflows" ADD CONSTRAINT "workflows_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workflow_run_steps_run_idx" ON "workflow_run_steps" USING btree ("run_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_runs_trigger_uq" ON "workflow_runs" USING btree ("workflow_id","trigger_key");--> statement-breakpoint
CREATE INDEX "workflow_runs_workflow_idx" ON "workflow_runs" USING btree ("workflow_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "workflow_runs_contact_idx" ON "workflow_runs" USING btree ("contact_id","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "workflow_runs_conversation_active_idx" ON "workflow_runs" USING btree ("conversation_id","id") WHERE status IN ('running', 'waiting');--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_versions_uq" ON "workflow_versions" USING btree ("workflow_id","version");--> statement-breakpoint
CREATE INDEX "workflows_ws_trigger_idx" ON "workflows" USING btree ("workspace_id","trigger_type") WHERE status = 'published';--> statement-breakpoint
CREATE UNIQUE INDEX "workflows_hook_token_uq" ON "workflows" USING btree ("hook_token");--> statement-breakpoint
ALTER TABLE "snippets" ADD CONSTRAINT "snippets_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "snippets_team_shortcut_uq" ON "snippets" USING btree ("workspace_id","team_id","shortcut") WHERE team_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "snippets_ws_shortcut_uq" ON "snippets" USING btree ("workspace_id","shortcut") WHERE owner_id IS NULL AND team_id IS NULL;--> statement-breakpoint
-- Workflows react to events from now on, not to the log written before they existed.
INSERT INTO "subscriber_cursors" ("name", "last_event_id") SELECT 'workflows.trigger', coalesce(max("id"), 0) FROM "events" ON CONFLICT ("name") DO NOTHING;
