import { env } from "../env";

/**
 * The database every process of the app talks to. `npm start`/`npm run dev`
 * set DATABASE_URL for the server they spawn (the embedded database's URL when
 * none was given), so code below here never has to guess.
 */
export function databaseUrl(): string {
  const url = env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start the app with `npm start` (it provides an embedded PostgreSQL) " +
        "or set DATABASE_URL=postgresql://user:password@host:5432/db.",
    );
  }
  return url;
}

/** True when the URL points at this machine (used to refuse destructive work elsewhere). */
export function isLocalDatabase(url: string): boolean {
  try {
    const parsed = new URL(url);
    // `?host=/dir` means a Unix socket: always this machine, whatever the URL's host says.
    const socket = parsed.searchParams.get("host");
    if (socket !== null) return socket.startsWith("/");
    const host = parsed.hostname;
    return host === "localhost" || host === "127.0.0.1" || host === "::1" || host === "[::1]";
  } catch {
    return false;
  }
}
