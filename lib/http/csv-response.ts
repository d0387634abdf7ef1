/**
 * A CSV download: the file name in both Content-Disposition forms (plain and
 * RFC 5987 for non-ASCII), never cached, never sniffed as something else.
 * The calls export and the analytics charts' CSV answer with it.
 */
export function csvResponse(body: BodyInit, fileName: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
