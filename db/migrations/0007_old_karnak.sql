DROP INDEX `alert_deliveries_due_idx`;--> statement-breakpoint
DROP INDEX `alert_deliveries_group_idx`;--> statement-breakpoint
CREATE INDEX `alert_deliveries_unresolved_idx` ON `alert_deliveries` (`state`,`group_key`,`seq`);--> statement-breakpoint
CREATE INDEX `alert_deliveries_queue_idx` ON `alert_deliveries` (`state`,`integration_id`,`seq`);--> statement-breakpoint
CREATE INDEX `alert_deliveries_group_queue_idx` ON `alert_deliveries` (`state`,`integration_id`,`group_key`,`seq`);