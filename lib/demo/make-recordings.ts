/**
 * Regenerates the demo recordings that ship with the project, by hand:
 *
 *   apt-get install -y espeak-ng sox lame      # Debian/Ubuntu
 *   npm run demo:recordings                    # lib/cli/make-recordings.ts
 *
 * For each showcase call with a `recordingKey` (showcase.ts) it speaks the
 * transcript turn by turn with espeak-ng (one voice for the agent, another for
 * the contact), joins the turns with short pauses (sox), encodes mono 32 kbps
 * CBR MP3 (lame) to lib/demo/recordings/<bucket>/<key>, and writes each
 * recording's length in whole seconds to lib/demo/recordings/durations.json,
 * which the seed uses as the call's `duration`. Not run at install time: the
 * MP3 files are committed.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { RECORDINGS_BUCKET, SHOWCASE_CALLS } from "./showcase";

const ROOT = path.join(import.meta.dirname, "recordings");
const AGENT_LABELS = new Set(["ai", "agent", "assistant", "bot"]);
const MAX_BYTES = 150 * 1024;

/** What the synthesiser should say for text written for reading ("$412.50" → "412 dollars and 50 cents"). */
export function speakable(text: string): string {
  return text
    .replace(/\$(\d[\d,]*)\.00\b/g, "$1 dollars")
    .replace(/\$(\d[\d,]*)\.(\d{2})\b/g, "$1 dollars and $2 cents")
    .replace(/£(\d[\d,]*)\.(\d{2})\b/g, "$1 pounds $2")
    .replace(
      /\b([A-Z]{2,4})-(\d+)\b/g,
      (_, letters: string, digits: string) => `${letters.split("").join(" ")}, ${digits.split("").join(" ")}`,
    );
}

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: "utf8" }).trim();
}

export function makeDemoRecordings(): void {
  for (const tool of ["espeak-ng", "sox", "soxi", "lame"]) {
    try {
      execFileSync("which", [tool], { stdio: "ignore" });
    } catch {
      throw new Error(`${tool} is not installed (apt-get install -y espeak-ng sox lame).`);
    }
  }
  const work = mkdtempSync(path.join(os.tmpdir(), "demo-recordings-"));
  const durations: Record<string, number> = {};
  try {
    const gap = path.join(work, "gap.wav");
    run("sox", ["-n", "-r", "22050", "-c", "1", "-b", "16", gap, "trim", "0.0", "0.3"]);
    for (const call of SHOWCASE_CALLS) {
      if (!call.recordingKey || !call.voices) continue;
      const turns = (call.payload.transcription ?? "").split("\n").filter(Boolean);
      const parts: string[] = [gap];
      turns.forEach((turn, i) => {
        const match = /^([^:]{1,20}):\s*(.*)$/.exec(turn);
        if (!match) throw new Error(`${call.extraId}: turn ${i + 1} has no speaker label`);
        const voice = AGENT_LABELS.has(match[1]!.trim().toLowerCase()) ? call.voices!.agent : call.voices!.contact;
        const wav = path.join(work, `${call.extraId}-${i}.wav`);
        run("espeak-ng", ["-v", voice, "-s", "180", "-w", wav, speakable(match[2]!)]);
        parts.push(wav, gap);
      });
      const joined = path.join(work, `${call.extraId}.wav`);
      run("sox", [...parts, joined]);
      const seconds = Number(run("soxi", ["-D", joined]));
      const target = path.join(ROOT, RECORDINGS_BUCKET, call.recordingKey);
      mkdirSync(path.dirname(target), { recursive: true });
      run("lame", ["--quiet", "-m", "m", "--cbr", "-b", "32", "--tt", call.extraId, "--ta", "Levers demo", joined, target]);
      const bytes = statSync(target).size;
      if (seconds < 5 || seconds > 20) throw new Error(`${call.extraId}: ${seconds.toFixed(1)} s, outside 5–20 s; shorten the transcript`);
      if (bytes > MAX_BYTES) throw new Error(`${call.extraId}: ${bytes} bytes, over ${MAX_BYTES}`);
      durations[call.extraId] = Math.round(seconds);
      console.log(`${call.extraId}: ${seconds.toFixed(1)} s, ${(bytes / 1024).toFixed(0)} KB → ${path.relative(process.cwd(), target)}`);
    }
    writeFileSync(path.join(ROOT, "durations.json"), `${JSON.stringify(durations, null, 2)}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
