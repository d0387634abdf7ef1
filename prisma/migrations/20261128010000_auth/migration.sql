-- Sign-in (better-auth: users, sessions, accounts, verifications, rate_limits),
-- API keys and the audit trail. Matches prisma/schema/auth.prisma.

CREATE TABLE "users" (
    "id"             TEXT NOT NULL,
    "name"           TEXT NOT NULL,
    "email"          TEXT NOT NULL,
    "email_verified" BOOLEAN NOT NULL DEFAULT false,
    "image"          TEXT,
    "created_at"     TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"     TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "role"           TEXT NOT NULL DEFAULT 'agent',
    "banned"         BOOLEAN NOT NULL DEFAULT false,
    "ban_reason"     TEXT,
    "ban_expires"    TIMESTAMPTZ(3),
    CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "users_role_check" CHECK ("role" IN ('agent', 'manager', 'admin'))
);
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

CREATE TABLE "sessions" (
    "id"              TEXT NOT NULL,
    "expires_at"      TIMESTAMPTZ(3) NOT NULL,
    "token"           TEXT NOT NULL,
    "created_at"      TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"      TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ip_address"      TEXT,
    "user_agent"      TEXT,
    "user_id"         TEXT NOT NULL,
    "impersonated_by" TEXT,
    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "sessions_token_key" ON "sessions"("token");
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

CREATE TABLE "accounts" (
    "id"                       TEXT NOT NULL,
    "account_id"               TEXT NOT NULL,
    "provider_id"              TEXT NOT NULL,
    "user_id"                  TEXT NOT NULL,
    "access_token"             TEXT,
    "refresh_token"            TEXT,
    "id_token"                 TEXT,
    "access_token_expires_at"  TIMESTAMPTZ(3),
    "refresh_token_expires_at" TIMESTAMPTZ(3),
    "scope"                    TEXT,
    "password"                 TEXT,
    "created_at"               TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"               TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "accounts_user_id_idx" ON "accounts"("user_id");

CREATE TABLE "verifications" (
    "id"         TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "value"      TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "verifications_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "verifications_identifier_idx" ON "verifications"("identifier");

CREATE TABLE "rate_limits" (
    "id"           TEXT NOT NULL,
    "key"          TEXT NOT NULL,
    "count"        INTEGER NOT NULL,
    "last_request" BIGINT NOT NULL,
    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "rate_limits_key_key" ON "rate_limits"("key");

CREATE TABLE "api_keys" (
    "id"            UUID NOT NULL DEFAULT gen_random_uuid(),
    "name"          TEXT NOT NULL,
    "prefix"        TEXT NOT NULL,
    "key_hash"      TEXT NOT NULL,
    "role"          TEXT NOT NULL,
    "created_by_id" TEXT,
    "created_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at"  TIMESTAMPTZ(3),
    "revoked_at"    TIMESTAMPTZ(3),
    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "api_keys_role_check" CHECK ("role" IN ('agent', 'manager', 'admin')),
    CONSTRAINT "api_keys_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");
CREATE INDEX "api_keys_created_at_idx" ON "api_keys"("created_at" DESC);

CREATE TABLE "audit_events" (
    "id"          BIGSERIAL NOT NULL,
    "actor_id"    TEXT,
    "actor_email" TEXT,
    "action"      TEXT NOT NULL,
    "target"      TEXT,
    "details"     JSONB,
    "ip_address"  TEXT,
    "created_at"  TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "audit_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "audit_events_created_at_idx" ON "audit_events"("created_at" DESC, "id" DESC);
CREATE INDEX "audit_events_action_created_at_idx" ON "audit_events"("action", "created_at" DESC);
CREATE INDEX "audit_events_actor_created_at_idx" ON "audit_events"("actor_id", "created_at" DESC);
