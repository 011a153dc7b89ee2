ALTER TABLE "psa_push_leases" ADD COLUMN "failure_code" text;--> statement-breakpoint
ALTER TABLE "psa_push_leases" ADD COLUMN "failure_status" integer;--> statement-breakpoint
ALTER TABLE "psa_push_leases" ADD COLUMN "failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "psa_push_leases" ADD COLUMN "failing_since" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "psa_push_leases" ADD COLUMN "last_failure_at" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "psa_push_leases" ADD COLUMN "next_try_at" bigint DEFAULT 0 NOT NULL;