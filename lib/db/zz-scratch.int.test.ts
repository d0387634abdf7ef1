import { it } from "vitest";
import { useTestDatabase } from "@/lib/testing/database";
import { queryRows } from "@/lib/db/sql";

useTestDatabase();
const norm = (q: string) => q.replace(/(^|\s)-+(?=\s|$)/g, "$1").replace(/(^|\s)-{2,}(?=\S)/g, "$1-");
async function ts(q: string): Promise<string> {
  try { return (await queryRows<{ t: string }>(`SELECT websearch_to_tsquery('english', $1)::text AS t`, [q]))[0]!.t; } catch (e: any) { return "ERR " + e.meta?.driverAdapterError?.cause?.message; }
}
it("probe", async () => {
  for (const q of ["a - b", "a -b", "a --b", "--b", "- b", "a-b", "a -- b", "-\"x y\"", "--\"x y\"", "a - - b", "x -", "x - or y", "-or x", "a -(b)", "a ---b c", "(-)-a"]) {
    console.log(JSON.stringify(q), "=>", await ts(q), "| norm", JSON.stringify(norm(q)), "=>", await ts(norm(q)));
  }
  const alphabet = ["-", " ", "\"", "a", "or", "!", "(", ")", "&", "|", ":", "*", "-", "-", "<->", "'", "\\"];
  let bad = 0;
  for (let i = 0; i < 400; i++) {
    const n = 1 + Math.floor(Math.random() * 200);
    let q = ""; for (let j = 0; j < n; j++) q += alphabet[Math.floor(Math.random() * alphabet.length)];
    const r = await ts(norm(q));
    if (r.startsWith("ERR")) { bad++; if (bad < 5) console.log("FUZZ", JSON.stringify(q), JSON.stringify(norm(q)), r); }
  }
  console.log("fuzz bad", bad);
});
