DROP INDEX `alert_deliveries_unresolved_idx`;--> statement-breakpoint
CREATE INDEX `alert_deliveries_unresolved_idx` ON `alert_deliveries` (`seq`) WHERE state = 'queued' and group_key is null;