-- The compliance guard. Matches prisma/schema/compliance.prisma. Flags, next
-- calls and account inputs are replaced per account by the accounts worker
-- after each derivation (lib/compliance/store.ts); holds, clearances and
-- settings are typed by people.

CREATE TABLE "compliance_flags" (
    "id"            UUID NOT NULL DEFAULT gen_random_uuid(),
    "flag_key"      TEXT NOT NULL,
    "account_id"    UUID NOT NULL,
    "call_id"       UUID NOT NULL,
    "debt_key"      TEXT,
    "portfolio"     TEXT,
    "rule"          TEXT NOT NULL,
    "check"         TEXT NOT NULL,
    "citation"      TEXT NOT NULL,
    "severity"      TEXT NOT NULL,
    "message"       TEXT NOT NULL,
    "evidence"      JSONB NOT NULL DEFAULT '[]',
    "rules_version" TEXT NOT NULL,
    "placed_at"     TIMESTAMPTZ(3) NOT NULL,
    "status"        TEXT NOT NULL DEFAULT 'open',
    "status_reason" TEXT,
    "status_by"     TEXT,
    "status_at"     TIMESTAMPTZ(3),
    "created_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    CONSTRAINT "compliance_flags_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "compliance_flags_account_fkey" FOREIGN KEY ("account_id") REFERENCES "crm_accounts"("id") ON DELETE CASCADE,
    CONSTRAINT "compliance_flags_call_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE,
    CONSTRAINT "compliance_flags_status_check" CHECK ("status" IN ('open', 'confirmed', 'dismissed')),
    CONSTRAINT "compliance_flags_dismiss_reason_check" CHECK ("status" <> 'dismissed' OR length(trim("status_reason")) >= 3)
);
CREATE UNIQUE INDEX "compliance_flags_flag_key_key" ON "compliance_flags"("flag_key");
CREATE INDEX "compliance_flags_account_idx" ON "compliance_flags"("account_id");
CREATE INDEX "compliance_flags_call_idx" ON "compliance_flags"("call_id");
CREATE INDEX "compliance_flags_status_rule_idx" ON "compliance_flags"("status", "rule", "portfolio");
CREATE INDEX "compliance_flags_placed_idx" ON "compliance_flags"("placed_at");

CREATE TABLE "compliance_next_calls" (
    "account_id"   UUID NOT NULL,
    "debt_key"     TEXT NOT NULL,
    "portfolio"    TEXT,
    "next_at"      TIMESTAMPTZ(3),
    "reason"       TEXT,
    "rule"         TEXT,
    "citation"     TEXT,
    "evaluated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "compliance_next_calls_pkey" PRIMARY KEY ("account_id", "debt_key"),
    CONSTRAINT "compliance_next_calls_account_fkey" FOREIGN KEY ("account_id") REFERENCES "crm_accounts"("id") ON DELETE CASCADE
);

CREATE TABLE "compliance_account_inputs" (
    "account_id"   UUID NOT NULL,
    "input"        JSONB NOT NULL,
    "evaluated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "compliance_account_inputs_pkey" PRIMARY KEY ("account_id"),
    CONSTRAINT "compliance_account_inputs_account_fkey" FOREIGN KEY ("account_id") REFERENCES "crm_accounts"("id") ON DELETE CASCADE
);

CREATE TABLE "compliance_holds" (
    "id"         UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "kind"       TEXT NOT NULL,
    "debt_keys"  TEXT[] NOT NULL DEFAULT '{}',
    "numbers"    TEXT[] NOT NULL DEFAULT '{}',
    "note"       TEXT NOT NULL,
    "placed_at"  TIMESTAMPTZ(3) NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    CONSTRAINT "compliance_holds_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "compliance_holds_account_fkey" FOREIGN KEY ("account_id") REFERENCES "crm_accounts"("id") ON DELETE CASCADE,
    CONSTRAINT "compliance_holds_note_check" CHECK (length(trim("note")) >= 3)
);
CREATE INDEX "compliance_holds_account_idx" ON "compliance_holds"("account_id");

CREATE TABLE "compliance_clearances" (
    "id"         UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "hold_id"    TEXT NOT NULL,
    "reason"     TEXT NOT NULL,
    "cleared_by" TEXT NOT NULL,
    "cleared_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    CONSTRAINT "compliance_clearances_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "compliance_clearances_account_fkey" FOREIGN KEY ("account_id") REFERENCES "crm_accounts"("id") ON DELETE CASCADE,
    CONSTRAINT "compliance_clearances_reason_check" CHECK (length(trim("reason")) >= 3)
);
CREATE INDEX "compliance_clearances_account_idx" ON "compliance_clearances"("account_id");

CREATE TABLE "compliance_settings" (
    "id"         INTEGER NOT NULL DEFAULT 1,
    "settings"   JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "updated_by" TEXT,
    CONSTRAINT "compliance_settings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "compliance_settings_one_row" CHECK ("id" = 1)
);
