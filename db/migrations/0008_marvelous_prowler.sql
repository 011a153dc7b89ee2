DROP INDEX `alert_deliveries_queue_idx`;--> statement-breakpoint
DROP INDEX `alert_deliveries_group_queue_idx`;--> statement-breakpoint
DROP INDEX `alert_deliveries_log_idx`;--> statement-breakpoint
CREATE INDEX `alert_deliveries_queue_idx` ON `alert_deliveries` (`state`,`integration_id`,`seq`) WHERE integration_id is not null;--> statement-breakpoint
CREATE INDEX `alert_deliveries_group_queue_idx` ON `alert_deliveries` (`state`,`integration_id`,`group_key`,`seq`) WHERE group_key is not null;--> statement-breakpoint
CREATE INDEX `alert_deliveries_log_idx` ON `alert_deliveries` (`partner_id`,`integration_id`,`seq`,`alert_id`) WHERE integration_id is not null;