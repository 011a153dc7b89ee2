DROP INDEX `rmm_devices_hostname_idx`;--> statement-breakpoint
DROP INDEX `rmm_devices_org_idx`;--> statement-breakpoint
CREATE INDEX `rmm_devices_hostname_nocase_idx` ON `rmm_devices` (`partner_id`,"hostname" collate nocase);--> statement-breakpoint
CREATE INDEX `rmm_devices_org_idx` ON `rmm_devices` (`partner_id`,`organization_id`,"hostname" collate nocase);