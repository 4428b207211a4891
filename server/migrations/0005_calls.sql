CREATE TABLE "calls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" bigint NOT NULL,
	"contact_id" bigint,
	"external_id" text NOT NULL,
	"from_number" text NOT NULL,
	"to_number" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"duration_seconds" integer,
	"ivr_path" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"bot_transcript" text,
	"reason" text,
	"city" text,
	"recording_url" text,
	"outcome" text,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_by_id" bigint,
	"closed_at" timestamp with time zone,
	"closing_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_closed_by_id_users_id_fk" FOREIGN KEY ("closed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calls_ws_external_uq" ON "calls" USING btree ("workspace_id","external_id");--> statement-breakpoint
CREATE INDEX "calls_ws_started_idx" ON "calls" USING btree ("workspace_id","started_at","id");--> statement-breakpoint
CREATE INDEX "calls_contact_idx" ON "calls" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "calls_search_trgm" ON "calls" USING gin ((coalesce("from_number",'') || ' ' || coalesce("bot_transcript",'')) gin_trgm_ops);