import { makeDemoRecordings } from "../demo/make-recordings";
import { isMain, parseCliArgs, runCli } from "./common";

/** `npm run demo:recordings`: regenerates the demo MP3s (lib/demo/make-recordings.ts). */
const USAGE = `Usage: npm run demo:recordings

Speaks the transcripts of the showcase calls that have a recording
(lib/demo/showcase.ts) with espeak-ng, and writes the MP3s and their lengths
to lib/demo/recordings/. Needs espeak-ng, sox and lame
(apt-get install -y espeak-ng sox lame). The MP3s are committed; run this
only after changing a showcase transcript.`;

if (isMain(import.meta.url)) {
  parseCliArgs(USAGE, {});
  runCli(async () => makeDemoRecordings());
}
