CREATE TABLE `psa_push_leases` (
	`integration_id` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`leased_until` integer NOT NULL
);
