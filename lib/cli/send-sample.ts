import { randomInt } from "node:crypto";
import pg from "pg";
import { Webhook } from "svix";
import { generateCalls } from "../demo/generate";
import { env } from "../env";
import { PHONE_CALL_ENDED } from "../ingest/payload-schema";
import { newMessageId } from "../testing/svix";
import { CliError, isMain, parseCliArgs, runCli } from "./common";
import { DEFAULT_PORT, openDatabase } from "./runtime";

/**
 * `npm run webhooks:send-sample`: one realistic `phone_call.ended`, signed the
 * way Svix signs it with the running app's secret, posted to its webhook.
 * Prints the answer and the new call's page.
 */
const USAGE = `Usage: npm run webhooks:send-sample -- [options]

Posts one realistic, signed phone_call.ended delivery to the running app and
prints the answer and the call's URL.

  --url URL        the app (default: BETTER_AUTH_URL, else http://localhost:PORT, PORT default ${DEFAULT_PORT})
  --secret whsec_  the webhook secret (default: LEVERS_WEBHOOK_SECRET, else the one
                   demo mode generated, read from the embedded database)
  --print          print the payload, the signed headers and a curl command instead of posting
  -h, --help`;

/** The secret the app verifies with: LEVERS_WEBHOOK_SECRET, else the generated demo secret kept with the embedded data. */
async function appSecret(): Promise<string> {
  const configured = env.LEVERS_WEBHOOK_SECRET;
  if (configured) return configured.split(",")[0]!.trim();
  if (env.DATABASE_URL) {
    throw new CliError("LEVERS_WEBHOOK_SECRET is not set. Set it to the secret the app runs with (or pass --secret whsec_…).", 2);
  }
  const db = await openDatabase({ attach: true, log: () => {} });
  const client = new pg.Client({ connectionString: db.databaseUrl });
  try {
    await client.connect();
    const { rows } = await client
      .query<{ value: string }>("SELECT value FROM app_settings WHERE key = 'demo_webhook_secret'")
      .catch(() => ({ rows: [] }));
    if (!rows[0])
      throw new CliError(
        "The embedded database has no webhook secret yet. Run `npm start` once (it generates one), or pass --secret whsec_….",
      );
    return rows[0].value;
  } finally {
    await client.end().catch(() => {});
    await db.release();
  }
}

export function samplePayload(now = new Date()): Record<string, unknown> {
  const [call] = [...generateCalls({ seed: randomInt(2 ** 31), count: 1, days: 1 / 24, now })];
  return { type: PHONE_CALL_ENDED, data: call!.payload };
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

async function main() {
  const v = parseCliArgs(USAGE, { url: { type: "string" }, secret: { type: "string" }, print: { type: "boolean" } });
  const base = (v.url ?? env.BETTER_AUTH_URL ?? `http://localhost:${env.PORT ?? DEFAULT_PORT}`).replace(/\/+$/, "");
  const secret = v.secret ?? (await appSecret());
  let webhook: Webhook;
  try {
    webhook = new Webhook(secret);
  } catch (error) {
    throw new CliError(
      `That is not a usable webhook secret (${error instanceof Error ? error.message : String(error)}). It looks like whsec_ followed by base64.`,
      2,
    );
  }
  const body = JSON.stringify(samplePayload());
  const id = newMessageId();
  const timestamp = new Date();
  const headers = {
    "svix-id": id,
    "svix-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "svix-signature": webhook.sign(id, timestamp, body),
  };
  const url = `${base}/api/webhooks/levers`;

  if (v.print) {
    console.log(JSON.stringify(JSON.parse(body), null, 2));
    console.log(
      `\ncurl -sS -X POST ${shellQuote(url)} -H 'content-type: application/json' \\\n` +
        Object.entries(headers)
          .map(([k, val]) => `  -H ${shellQuote(`${k}: ${val}`)} \\\n`)
          .join("") +
        `  --data-binary ${shellQuote(body)}`,
    );
    console.log("\n(The signature is valid for 5 minutes from svix-timestamp.)");
    return 0;
  }

  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body,
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error instanceof Error ? error.message : String(error));
    throw new CliError(
      `Nothing answered at ${url} (${cause}). Is the app running (\`npm start\`)? If it runs on another port or host, pass --url or set PORT.`,
    );
  }
  const text = await response.text();
  console.log(`POST ${url}\n  svix-id ${id}\n  -> ${response.status} ${response.statusText}\n  ${text}`);
  let answer: { callId?: string } = {};
  try {
    answer = JSON.parse(text) as { callId?: string };
  } catch {
    // not JSON: printed above as is
  }
  if (response.ok && answer.callId) {
    console.log(`\nThe call: ${base}/calls/${answer.callId}`);
    return 0;
  }
  if (response.status === 401)
    console.error(
      "\n401: the signature did not match. The app runs with another secret: pass --secret, or set LEVERS_WEBHOOK_SECRET to the one it printed.",
    );
  if (response.status === 503)
    console.error("\n503: the app has no webhook secret configured, or its database is down; its log says which.");
  return 1;
}

if (isMain(import.meta.url)) runCli(main);
