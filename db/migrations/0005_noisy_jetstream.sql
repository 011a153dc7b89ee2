CREATE TABLE `alert_resolutions` (
	`partner_id` text NOT NULL,
	`alert_id` text NOT NULL,
	`resolution` text NOT NULL,
	`note_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`partner_id`, `alert_id`)
);
--> statement-breakpoint
CREATE TABLE `platform_endpoints` (
	`partner_id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`secret_sealed` text NOT NULL,
	`secret_key_id` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `platform_event_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`status` integer,
	`error` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `platform_event_attempts_event_idx` ON `platform_event_attempts` (`event_id`);--> statement-breakpoint
CREATE TABLE `platform_events` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`partner_id` text NOT NULL,
	`order_key` text NOT NULL,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer DEFAULT 0 NOT NULL,
	`claimed_until` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`delivered_at` text
);
--> statement-breakpoint
CREATE INDEX `platform_events_due_idx` ON `platform_events` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `platform_events_order_idx` ON `platform_events` (`order_key`,`seq`);--> statement-breakpoint
CREATE TABLE `psa_ticket_pushes` (
	`integration_id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`vendor` text NOT NULL,
	`hook_id` text NOT NULL,
	`key_origin` text,
	`secret_sealed` text NOT NULL,
	`secret_key_id` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `psa_ticket_states` (
	`integration_id` text NOT NULL,
	`vendor_ticket_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`is_open` integer NOT NULL,
	`status_id` text,
	`status_name` text,
	`changed_by` text,
	`changed_at` text,
	`checked_at` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`integration_id`, `vendor_ticket_id`)
);
--> statement-breakpoint
CREATE INDEX `psa_ticket_states_checked_idx` ON `psa_ticket_states` (`is_open`,`checked_at`);