CREATE TABLE "integration_health" (
	"integration_id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"state" text DEFAULT 'available' NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"failing_since" bigint DEFAULT 0 NOT NULL,
	"unavailable_since" bigint DEFAULT 0 NOT NULL,
	"last_status" integer,
	"last_error" text,
	"probes" integer DEFAULT 0 NOT NULL,
	"next_probe_at" bigint DEFAULT 0 NOT NULL,
	"probe_until" bigint DEFAULT 0 NOT NULL,
	"recovered_at" bigint DEFAULT 0 NOT NULL,
	"updated_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL
);
