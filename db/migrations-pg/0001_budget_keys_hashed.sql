-- Budget rows are now keyed by vendor + a keyed hash (bff/vendors/http/shared-budget.ts budgetRowKey).
-- Rows of the old clear keys (e.g. datto-rmm:<base>:<API key>) held credential material: delete them.
-- A bucket is only transient state; a deleted one starts full again on its next call.
DELETE FROM vendor_budgets WHERE key !~ '^[a-z0-9-]+:[0-9a-f]{32}$';
