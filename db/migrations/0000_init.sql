CREATE TABLE `catalog_items` (
	`partner_id` text NOT NULL,
	`kind` text NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	PRIMARY KEY(`partner_id`, `kind`, `id`),
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `organizations` (
	`partner_id` text NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`billable_users` integer DEFAULT 0 NOT NULL,
	`ticket_delivery` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`partner_id`, `id`),
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `partners` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `integrations` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`kind` text NOT NULL,
	`vendor` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`credentials_sealed` text,
	`credentials_key_id` text,
	`account_label` text,
	`settings` text DEFAULT '{}' NOT NULL,
	`user_activity_organization_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `integrations_partner_idx` ON `integrations` (`partner_id`,`kind`);--> statement-breakpoint
CREATE TABLE `psa_account_mappings` (
	`integration_id` text NOT NULL,
	`psa_account_id` text NOT NULL,
	`psa_account_name` text NOT NULL,
	`organization_id` text,
	`contact_id` text,
	`contact_name` text,
	`ignored` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`integration_id`, `psa_account_id`),
	FOREIGN KEY (`integration_id`) REFERENCES `integrations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `psa_account_mappings_org_uq` ON `psa_account_mappings` (`integration_id`,`organization_id`);--> statement-breakpoint
CREATE TABLE `psa_contract_mappings` (
	`integration_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`contract_id` text NOT NULL,
	`contract_name` text NOT NULL,
	`add_service` integer DEFAULT false NOT NULL,
	`service_id` text,
	`unit_cost` real,
	`unit_price` real,
	PRIMARY KEY(`integration_id`, `organization_id`),
	FOREIGN KEY (`integration_id`) REFERENCES `integrations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `rmm_site_mappings` (
	`integration_id` text NOT NULL,
	`site_id` text NOT NULL,
	`site_name` text NOT NULL,
	`site_type` text DEFAULT 'managed' NOT NULL,
	`organization_id` text,
	`ignore_auto_map` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`integration_id`, `site_id`),
	FOREIGN KEY (`integration_id`) REFERENCES `integrations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `wizard_drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`wizard` text NOT NULL,
	`integration_id` text,
	`machine_version` integer NOT NULL,
	`snapshot` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wizard_drafts_key_uq` ON `wizard_drafts` (`partner_id`,`wizard`,`integration_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`target` text NOT NULL,
	`before` text,
	`after` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_partner_idx` ON `audit_log` (`partner_id`,`id`);