ALTER TABLE `psa_push_leases` ADD `failure_code` text;--> statement-breakpoint
ALTER TABLE `psa_push_leases` ADD `failure_status` integer;--> statement-breakpoint
ALTER TABLE `psa_push_leases` ADD `failures` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `psa_push_leases` ADD `failing_since` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `psa_push_leases` ADD `last_failure_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `psa_push_leases` ADD `next_try_at` integer DEFAULT 0 NOT NULL;