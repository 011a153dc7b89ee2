CREATE TABLE `alert_deliveries` (
	`partner_id` text NOT NULL,
	`alert_id` text NOT NULL,
	`integration_id` text,
	`organization_id` text NOT NULL,
	`alert` text NOT NULL,
	`state` text DEFAULT 'queued' NOT NULL,
	`outcome` text,
	`reason` text,
	`decision` text,
	`group_key` text,
	`vendor_ticket_id` text,
	`vendor_note_id` text,
	`marker` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`next_attempt_at` integer DEFAULT 0 NOT NULL,
	`claimed_until` integer DEFAULT 0 NOT NULL,
	`seq` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`delivered_at` text,
	PRIMARY KEY(`partner_id`, `alert_id`)
);
--> statement-breakpoint
CREATE INDEX `alert_deliveries_due_idx` ON `alert_deliveries` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `alert_deliveries_group_idx` ON `alert_deliveries` (`integration_id`,`group_key`,`state`);--> statement-breakpoint
CREATE TABLE `billable_syncs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`integration_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`contract_id` text NOT NULL,
	`service_id` text NOT NULL,
	`units` integer NOT NULL,
	`unit_cost` real,
	`unit_price` real,
	`period` text NOT NULL,
	`status` text NOT NULL,
	`error` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `billable_syncs_integration_idx` ON `billable_syncs` (`integration_id`,`id`);--> statement-breakpoint
CREATE TABLE `ticket_groups` (
	`integration_id` text NOT NULL,
	`group_key` text NOT NULL,
	`psa_account_id` text NOT NULL,
	`vendor_ticket_id` text,
	`ticket_number` text,
	`is_open` integer DEFAULT true NOT NULL,
	`checked_at` integer DEFAULT 0 NOT NULL,
	`pending_marker` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`integration_id`, `group_key`)
);
--> statement-breakpoint
CREATE TABLE `rmm_activity` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` text NOT NULL,
	`integration_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`vendor_activity_id` text NOT NULL,
	`at` text NOT NULL,
	`user` text,
	`action` text NOT NULL,
	`details` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rmm_activity_vendor_uq` ON `rmm_activity` (`integration_id`,`vendor_activity_id`);--> statement-breakpoint
CREATE INDEX `rmm_activity_org_idx` ON `rmm_activity` (`partner_id`,`organization_id`,`at`);--> statement-breakpoint
CREATE TABLE `rmm_devices` (
	`partner_id` text NOT NULL,
	`integration_id` text NOT NULL,
	`device_id` text NOT NULL,
	`site_id` text NOT NULL,
	`organization_id` text,
	`hostname` text NOT NULL,
	`os` text,
	`last_seen` text,
	`online` integer DEFAULT false NOT NULL,
	`entra_device_id` text,
	`removed_at` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`integration_id`, `device_id`)
);
--> statement-breakpoint
CREATE INDEX `rmm_devices_org_idx` ON `rmm_devices` (`partner_id`,`organization_id`);--> statement-breakpoint
CREATE INDEX `rmm_devices_entra_idx` ON `rmm_devices` (`partner_id`,`entra_device_id`);--> statement-breakpoint
CREATE INDEX `rmm_devices_hostname_idx` ON `rmm_devices` (`partner_id`,`hostname`);--> statement-breakpoint
CREATE TABLE `rmm_sync_state` (
	`integration_id` text PRIMARY KEY NOT NULL,
	`last_started_at` text,
	`last_finished_at` text,
	`last_success_at` text,
	`device_count` integer DEFAULT 0 NOT NULL,
	`activity_count` integer DEFAULT 0 NOT NULL,
	`activity_cursor` text,
	`last_error` text,
	`next_sync_at` integer DEFAULT 0 NOT NULL,
	`running_until` integer DEFAULT 0 NOT NULL
);
