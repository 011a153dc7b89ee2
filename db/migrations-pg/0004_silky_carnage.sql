CREATE TABLE "alert_resolutions" (
	"partner_id" text NOT NULL,
	"alert_id" text NOT NULL,
	"resolution" text NOT NULL,
	"note_id" text,
	"created_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	CONSTRAINT "alert_resolutions_partner_id_alert_id_pk" PRIMARY KEY("partner_id","alert_id")
);
--> statement-breakpoint
CREATE TABLE "platform_endpoints" (
	"partner_id" text PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"secret_sealed" text NOT NULL,
	"secret_key_id" text NOT NULL,
	"updated_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform_event_attempts" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"status" integer,
	"error" text,
	"created_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform_events" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"partner_id" text NOT NULL,
	"order_key" text NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" bigint DEFAULT 0 NOT NULL,
	"claimed_until" bigint DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"delivered_at" text
);
--> statement-breakpoint
CREATE TABLE "psa_ticket_pushes" (
	"integration_id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"vendor" text NOT NULL,
	"hook_id" text NOT NULL,
	"key_origin" text,
	"secret_sealed" text NOT NULL,
	"secret_key_id" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"updated_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "psa_ticket_states" (
	"integration_id" text NOT NULL,
	"vendor_ticket_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"is_open" boolean NOT NULL,
	"status_id" text,
	"status_name" text,
	"changed_by" text,
	"changed_at" text,
	"checked_at" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "psa_ticket_states_integration_id_vendor_ticket_id_pk" PRIMARY KEY("integration_id","vendor_ticket_id")
);
--> statement-breakpoint
CREATE INDEX "platform_event_attempts_event_idx" ON "platform_event_attempts" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "platform_events_due_idx" ON "platform_events" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "platform_events_order_idx" ON "platform_events" USING btree ("order_key","seq");--> statement-breakpoint
CREATE INDEX "psa_ticket_states_checked_idx" ON "psa_ticket_states" USING btree ("is_open","checked_at");