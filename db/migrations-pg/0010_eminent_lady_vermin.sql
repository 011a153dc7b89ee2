CREATE TABLE "psa_push_removals" (
	"integration_id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"vendor" text NOT NULL,
	"hook_id" text NOT NULL,
	"credentials_sealed" text,
	"credentials_key_id" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" bigint NOT NULL,
	"give_up_at" bigint NOT NULL,
	"holder" text,
	"leased_until" bigint DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"updated_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX "psa_push_removals_due_idx" ON "psa_push_removals" USING btree ("state","next_attempt_at");