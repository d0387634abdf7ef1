-- Calls and the webhook inbox.

CREATE TABLE "calls" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "provider_call_id" TEXT NOT NULL,
    "number_from" TEXT NOT NULL,
    "number_to" TEXT NOT NULL,
    "provider_status" TEXT,
    "delivery_status" TEXT,
    "duration" INTEGER NOT NULL DEFAULT 0,
    "summary" TEXT,
    "ended_reason" TEXT,
    "call_output" TEXT,
    "call_output_reasoning" TEXT,
    "sentiment_output" TEXT,
    "sentiment_output_reasoning" TEXT,
    "transcription" TEXT,
    "recording_url" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "request_metadata" JSONB NOT NULL DEFAULT '{}',
    -- Generated so that ingestion, bulk loads and replays can never disagree.
    "project_id" TEXT GENERATED ALWAYS AS ("request_metadata" ->> 'project_id') STORED,
    -- tsvector values are capped at 1 MB, so very long transcripts are indexed
    -- by their first 250,000 characters (the full text is still stored).
    "search_vector" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce("summary", '')), 'A') ||
        setweight(to_tsvector('english'::regconfig,
            left(coalesce("call_output_reasoning", '') || ' ' || coalesce("sentiment_output_reasoning", ''), 50000)), 'B') ||
        setweight(to_tsvector('english'::regconfig, left(coalesce("transcription", ''), 250000)), 'C')
    ) STORED,
    "delivered_at" TIMESTAMPTZ(3),
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "calls_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "calls_provider_call_id_key" ON "calls"("provider_call_id");
CREATE INDEX "calls_received_at_id_idx" ON "calls"("received_at" DESC, "id" DESC);
CREATE INDEX "calls_call_output_received_at_idx" ON "calls"("call_output", "received_at" DESC, "id" DESC);
CREATE INDEX "calls_sentiment_received_at_idx" ON "calls"("sentiment_output", "received_at" DESC, "id" DESC);
CREATE INDEX "calls_project_received_at_idx" ON "calls"("project_id", "received_at" DESC, "id" DESC);
CREATE INDEX "calls_duration_id_idx" ON "calls"("duration", "id");
CREATE INDEX "calls_number_to_received_at_idx" ON "calls"("number_to", "received_at" DESC);
CREATE INDEX "calls_search_vector_idx" ON "calls" USING GIN ("search_vector");

CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "message_id" TEXT NOT NULL,
    "event_type" TEXT,
    "status" TEXT NOT NULL DEFAULT 'received',
    "error" JSONB,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "raw_body" TEXT NOT NULL,
    "provider_call_id" TEXT,
    "call_id" UUID,
    "sent_at" TIMESTAMPTZ(3),
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "webhook_deliveries_message_id_key" ON "webhook_deliveries"("message_id");
CREATE INDEX "webhook_deliveries_status_received_at_idx" ON "webhook_deliveries"("status", "received_at" DESC);
CREATE INDEX "webhook_deliveries_received_at_idx" ON "webhook_deliveries"("received_at" DESC);
CREATE INDEX "webhook_deliveries_call_id_idx" ON "webhook_deliveries"("call_id");

ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_call_id_fkey"
    FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Settings the app keeps with its data (e.g. the demo webhook secret).
CREATE TABLE "app_settings" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "app_settings_pkey" PRIMARY KEY ("key")
);
