CREATE TABLE `integration_health` (
	`integration_id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`state` text DEFAULT 'available' NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`failing_since` integer DEFAULT 0 NOT NULL,
	`unavailable_since` integer DEFAULT 0 NOT NULL,
	`last_status` integer,
	`last_error` text,
	`probes` integer DEFAULT 0 NOT NULL,
	`next_probe_at` integer DEFAULT 0 NOT NULL,
	`probe_until` integer DEFAULT 0 NOT NULL,
	`recovered_at` integer DEFAULT 0 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
