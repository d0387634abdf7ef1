/**
 * Reads a server-sent-events stream in the background and keeps what it
 * parsed, so tests and the benchmark can wait for a condition over everything
 * received so far (events, `id:` lines, `: comments`).
 */
export interface SseEvent {
  event: string;
  data: unknown;
  /** When it was parsed (ms since epoch). */
  at: number;
}

export class SseReader {
  readonly events: SseEvent[] = [];
  readonly ids: string[] = [];
  readonly comments: string[] = [];
  done = false;
  private waiters = new Set<() => void>();

  constructor(stream: ReadableStream<Uint8Array>) {
    void this.pump(stream.getReader());
  }

  private async pump(reader: ReadableStreamDefaultReader<Uint8Array>) {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        buffer += decoder.decode(chunk.value, { stream: true });
        for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
          this.parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
        this.wake();
      }
    } catch {
      // A cancelled stream ends the reading.
    }
    this.done = true;
    this.wake();
  }

  private parse(block: string) {
    let event = "message";
    let data: string | null = null;
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) this.comments.push(line.slice(1).trim());
      else if (line.startsWith("event: ")) event = line.slice(7);
      else if (line.startsWith("data: ")) data = line.slice(6);
      else if (line.startsWith("id: ")) this.ids.push(line.slice(4));
    }
    if (data !== null) this.events.push({ event, data: JSON.parse(data), at: Date.now() });
  }

  private wake() {
    for (const w of this.waiters) w();
  }

  named(name: string): SseEvent[] {
    return this.events.filter((e) => e.event === name);
  }

  /** Resolves once `done()` holds; rejects after `timeoutMs` with what was received. */
  async until(done: (reader: SseReader) => boolean, timeoutMs = 10_000, what = "condition"): Promise<void> {
    if (done(this)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.events.map((e) => e.event))}`));
      }, timeoutMs);
      const check = () => {
        if (done(this)) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve();
        } else if (this.done) {
          clearTimeout(timer);
          this.waiters.delete(check);
          if (done(this)) resolve();
          else reject(new Error(`stream ended before ${what}; got ${JSON.stringify(this.events.map((e) => e.event))}`));
        }
      };
      this.waiters.add(check);
    });
  }
}
