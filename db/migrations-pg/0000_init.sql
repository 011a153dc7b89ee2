CREATE TABLE "catalog_items" (
	"partner_id" text NOT NULL,
	"kind" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "catalog_items_partner_id_kind_id_pk" PRIMARY KEY("partner_id","kind","id")
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"partner_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"billable_users" integer DEFAULT 0 NOT NULL,
	"ticket_delivery" boolean DEFAULT true NOT NULL,
	"created_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"updated_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	CONSTRAINT "organizations_partner_id_id_pk" PRIMARY KEY("partner_id","id")
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "integrations" (
	"id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"kind" text NOT NULL,
	"vendor" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"credentials_sealed" text,
	"credentials_key_id" text,
	"account_label" text,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"user_activity_organization_id" text,
	"created_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"updated_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"deleted_at" text
);
--> statement-breakpoint
CREATE TABLE "psa_account_mappings" (
	"integration_id" text NOT NULL,
	"psa_account_id" text NOT NULL,
	"psa_account_name" text NOT NULL,
	"organization_id" text,
	"contact_id" text,
	"contact_name" text,
	"ignored" boolean DEFAULT false NOT NULL,
	CONSTRAINT "psa_account_mappings_integration_id_psa_account_id_pk" PRIMARY KEY("integration_id","psa_account_id")
);
--> statement-breakpoint
CREATE TABLE "psa_contract_mappings" (
	"integration_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"contract_id" text NOT NULL,
	"contract_name" text NOT NULL,
	"add_service" boolean DEFAULT false NOT NULL,
	"service_id" text,
	"unit_cost" double precision,
	"unit_price" double precision,
	CONSTRAINT "psa_contract_mappings_integration_id_organization_id_pk" PRIMARY KEY("integration_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "rmm_site_mappings" (
	"integration_id" text NOT NULL,
	"site_id" text NOT NULL,
	"site_name" text NOT NULL,
	"site_type" text DEFAULT 'managed' NOT NULL,
	"organization_id" text,
	"ignore_auto_map" boolean DEFAULT false NOT NULL,
	CONSTRAINT "rmm_site_mappings_integration_id_site_id_pk" PRIMARY KEY("integration_id","site_id")
);
--> statement-breakpoint
CREATE TABLE "wizard_drafts" (
	"id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"wizard" text NOT NULL,
	"integration_id" text,
	"machine_version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"created_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"updated_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"target" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"created_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_deliveries" (
	"partner_id" text NOT NULL,
	"alert_id" text NOT NULL,
	"integration_id" text,
	"organization_id" text NOT NULL,
	"alert" jsonb NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"outcome" text,
	"reason" text,
	"decision" jsonb,
	"group_key" text,
	"vendor_ticket_id" text,
	"vendor_note_id" text,
	"marker" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" bigint DEFAULT 0 NOT NULL,
	"claimed_until" bigint DEFAULT 0 NOT NULL,
	"seq" bigserial NOT NULL,
	"created_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"updated_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"delivered_at" text,
	CONSTRAINT "alert_deliveries_partner_id_alert_id_pk" PRIMARY KEY("partner_id","alert_id")
);
--> statement-breakpoint
CREATE TABLE "billable_syncs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"integration_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"contract_id" text NOT NULL,
	"service_id" text NOT NULL,
	"units" integer NOT NULL,
	"unit_cost" double precision,
	"unit_price" double precision,
	"period" text NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"created_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_groups" (
	"integration_id" text NOT NULL,
	"group_key" text NOT NULL,
	"psa_account_id" text NOT NULL,
	"vendor_ticket_id" text,
	"ticket_number" text,
	"is_open" boolean DEFAULT true NOT NULL,
	"checked_at" bigint DEFAULT 0 NOT NULL,
	"pending_marker" text,
	"created_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"updated_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	CONSTRAINT "ticket_groups_integration_id_group_key_pk" PRIMARY KEY("integration_id","group_key")
);
--> statement-breakpoint
CREATE TABLE "vendor_budgets" (
	"key" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"refilled_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rmm_activity" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"integration_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"vendor_activity_id" text NOT NULL,
	"at" text NOT NULL,
	"user" text,
	"action" text NOT NULL,
	"details" text
);
--> statement-breakpoint
CREATE TABLE "rmm_devices" (
	"partner_id" text NOT NULL,
	"integration_id" text NOT NULL,
	"device_id" text NOT NULL,
	"site_id" text NOT NULL,
	"organization_id" text,
	"hostname" text NOT NULL,
	"os" text,
	"last_seen" text,
	"online" boolean DEFAULT false NOT NULL,
	"entra_device_id" text,
	"removed_at" text,
	"updated_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	CONSTRAINT "rmm_devices_integration_id_device_id_pk" PRIMARY KEY("integration_id","device_id")
);
--> statement-breakpoint
CREATE TABLE "rmm_sync_state" (
	"integration_id" text PRIMARY KEY NOT NULL,
	"last_started_at" text,
	"last_finished_at" text,
	"last_success_at" text,
	"device_count" integer DEFAULT 0 NOT NULL,
	"activity_count" integer DEFAULT 0 NOT NULL,
	"activity_cursor" text,
	"last_error" text,
	"next_sync_at" bigint DEFAULT 0 NOT NULL,
	"running_until" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog_items" ADD CONSTRAINT "catalog_items_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "psa_account_mappings" ADD CONSTRAINT "psa_account_mappings_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "psa_contract_mappings" ADD CONSTRAINT "psa_contract_mappings_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rmm_site_mappings" ADD CONSTRAINT "rmm_site_mappings_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wizard_drafts" ADD CONSTRAINT "wizard_drafts_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "integrations_partner_idx" ON "integrations" USING btree ("partner_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "psa_account_mappings_org_uq" ON "psa_account_mappings" USING btree ("integration_id","organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "wizard_drafts_key_uq" ON "wizard_drafts" USING btree ("partner_id","wizard","integration_id");--> statement-breakpoint
CREATE INDEX "audit_log_partner_idx" ON "audit_log" USING btree ("partner_id","id");--> statement-breakpoint
CREATE INDEX "alert_deliveries_due_idx" ON "alert_deliveries" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "alert_deliveries_group_idx" ON "alert_deliveries" USING btree ("integration_id","group_key","state");--> statement-breakpoint
CREATE INDEX "alert_deliveries_seq_idx" ON "alert_deliveries" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "billable_syncs_integration_idx" ON "billable_syncs" USING btree ("integration_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "rmm_activity_vendor_uq" ON "rmm_activity" USING btree ("integration_id","vendor_activity_id");--> statement-breakpoint
CREATE INDEX "rmm_activity_org_idx" ON "rmm_activity" USING btree ("partner_id","organization_id","at");--> statement-breakpoint
CREATE INDEX "rmm_devices_org_idx" ON "rmm_devices" USING btree ("partner_id","organization_id",lower("hostname"));--> statement-breakpoint
CREATE INDEX "rmm_devices_entra_idx" ON "rmm_devices" USING btree ("partner_id","entra_device_id");--> statement-breakpoint
CREATE INDEX "rmm_devices_hostname_nocase_idx" ON "rmm_devices" USING btree ("partner_id",lower("hostname"));