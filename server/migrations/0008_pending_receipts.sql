CREATE TABLE "pending_receipts" (
	"workspace_id" bigint NOT NULL,
	"channel_id" bigint NOT NULL,
	"external_id" text NOT NULL,
	"status" text NOT NULL,
	"failure_reason" text,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "pending_receipts_channel_id_external_id_status_pk" PRIMARY KEY("channel_id","external_id","status")
);
--> statement-breakpoint
ALTER TABLE "pending_receipts" ADD CONSTRAINT "pending_receipts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_receipts" ADD CONSTRAINT "pending_receipts_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pending_receipts_received_idx" ON "pending_receipts" USING btree ("channel_id","received_at");