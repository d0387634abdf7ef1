-- QA scorecards (versioned), reviews with their answers, the review queue's
-- claims and its settings. Reviews are few (people write them); the queue's
-- sample is taken from the calls by a hash of the id (qa_sample_bucket), so it
-- needs no table of its own.
CREATE TABLE "qa_scorecards" (
    "id"         UUID NOT NULL DEFAULT gen_random_uuid(),
    "name"       TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    CONSTRAINT "qa_scorecards_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "qa_scorecards_name_key" ON "qa_scorecards"("name");

CREATE TABLE "qa_scorecard_versions" (
    "id"           UUID NOT NULL DEFAULT gen_random_uuid(),
    "scorecard_id" UUID NOT NULL,
    "version"      INTEGER NOT NULL,
    "definition"   JSONB NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "published_by" TEXT NOT NULL,
    CONSTRAINT "qa_scorecard_versions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "qa_scorecard_versions_scorecard_id_fkey" FOREIGN KEY ("scorecard_id") REFERENCES "qa_scorecards"("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "qa_scorecard_versions_scorecard_version_key" ON "qa_scorecard_versions"("scorecard_id", "version");

CREATE TABLE "qa_reviews" (
    "id"              UUID NOT NULL DEFAULT gen_random_uuid(),
    "call_id"         UUID NOT NULL,
    "version_id"      UUID NOT NULL,
    "reviewer_id"     TEXT NOT NULL,
    "reviewer_name"   TEXT NOT NULL,
    "score"           DOUBLE PRECISION,
    "critical_failed" BOOLEAN NOT NULL,
    "created_at"      TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    CONSTRAINT "qa_reviews_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "qa_reviews_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE,
    CONSTRAINT "qa_reviews_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "qa_scorecard_versions"("id"),
    CONSTRAINT "qa_reviews_score_check" CHECK ("score" IS NULL OR ("score" >= 0 AND "score" <= 100))
);
CREATE INDEX "qa_reviews_call_created_idx" ON "qa_reviews"("call_id", "created_at");
CREATE INDEX "qa_reviews_created_idx" ON "qa_reviews"("created_at");

CREATE TABLE "qa_review_answers" (
    "review_id"   UUID NOT NULL,
    "question_id" TEXT NOT NULL,
    "answer"      TEXT NOT NULL,
    "failed"      BOOLEAN NOT NULL,
    "comment"     TEXT,
    "turn"        INTEGER,
    CONSTRAINT "qa_review_answers_pkey" PRIMARY KEY ("review_id", "question_id"),
    CONSTRAINT "qa_review_answers_review_id_fkey" FOREIGN KEY ("review_id") REFERENCES "qa_reviews"("id") ON DELETE CASCADE
);

CREATE TABLE "qa_claims" (
    "call_id"       UUID NOT NULL,
    "reviewer_id"   TEXT NOT NULL,
    "reviewer_name" TEXT NOT NULL,
    "claimed_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "expires_at"    TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "qa_claims_pkey" PRIMARY KEY ("call_id"),
    CONSTRAINT "qa_claims_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE
);

CREATE TABLE "qa_settings" (
    "id"              INTEGER NOT NULL DEFAULT 1,
    "sample_percent"  DOUBLE PRECISION NOT NULL DEFAULT 2,
    "portfolio_rates" JSONB NOT NULL DEFAULT '{}',
    "claim_minutes"   INTEGER NOT NULL DEFAULT 30,
    "updated_at"      TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    CONSTRAINT "qa_settings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "qa_settings_single_row" CHECK ("id" = 1),
    CONSTRAINT "qa_settings_sample_percent_check" CHECK ("sample_percent" >= 0 AND "sample_percent" <= 100)
);
INSERT INTO "qa_settings" ("id") VALUES (1);

-- The sample bucket of a call (0-9999), from the last 32 bits of its id: random
-- in v4 and v7 uuids alike, so the sample is uniform, stable across runs and
-- needs no hashing. lib/review/sample.ts computes the same in TypeScript.
CREATE FUNCTION "qa_sample_bucket"(id UUID) RETURNS INTEGER
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT ((('x' || substr(id::text, 29, 8))::bit(32)::int & 2147483647) % 10000) $$;

-- The queue's low-confidence-promise source reads only these (a small share of promises).
CREATE INDEX "qa_low_confidence_promises_idx" ON "crm_promises"("made_at") WHERE "confidence" = 'low';
