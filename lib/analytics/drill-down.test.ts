import { createLoader } from "nuqs/server";
import { describe, expect, it } from "vitest";
import { toCallQuery } from "@/lib/calls/filters";
import { callSearchParamsCache, callSearchParsers } from "@/lib/calls/search-params";
import { callsHref } from "./drill-down";
import { resolvePeriod } from "./period";

const period = { from: "2026-11-01", to: "2026-11-07", tz: "Asia/Kolkata" };
const none = { outcome: [], sentiment: [], project: [] };
const loadCallParams = createLoader(callSearchParsers);

function parse(href: string) {
  const url = new URL(href, "http://localhost");
  expect(url.pathname).toBe("/calls");
  return loadCallParams(url.searchParams);
}

describe("callsHref", () => {
  it("carries the period as local days with the zone, which the calls list reads as the same instants", () => {
    const href = callsHref(period, none)!;
    const state = parse(href);
    expect([state.from, state.to, state.tz]).toEqual(["2026-11-01", "2026-11-07", "Asia/Kolkata"]);
    const { filters } = toCallQuery(state);
    const p = resolvePeriod(
      { range: "custom", from: "2026-11-01", to: "2026-11-07", granularity: null, tz: "Asia/Kolkata" },
      new Date("2026-12-01T00:00:00Z"),
    );
    expect(filters.from).toEqual(p.start);
    expect(filters.to).toEqual(p.end);
  });

  it("adds what was clicked: outcome, statuses, duration range, a bucket's days", () => {
    const state = parse(
      callsHref(
        period,
        none,
        {
          outcome: ["PAYMENT PROMISE"],
          deliveryStatus: "pass",
          providerStatus: "pass",
          durationMin: 60,
          durationMax: 119,
          from: "2026-11-03",
          to: "2026-11-03",
        },
        "ai",
      )!,
    );
    expect(state.outcome).toEqual(["PAYMENT PROMISE"]);
    expect([state.deliveryStatus, state.providerStatus, state.durationMin, state.durationMax]).toEqual(["pass", "pass", 60, 119]);
    expect([state.from, state.to]).toEqual(["2026-11-03", "2026-11-03"]);
  });

  it("keeps the page's filters and narrows them to what was clicked", () => {
    const filters = { outcome: ["PAYMENT PROMISE", "WRONG NUMBER"], sentiment: ["NEGATIVE"], project: ["p1"] };
    const state = parse(callsHref(period, filters, { outcome: ["PAYMENT PROMISE", "PAYMENT EXTENSION"] }, "ai")!);
    expect(state.outcome).toEqual(["PAYMENT PROMISE"]);
    expect(state.sentiment).toEqual(["NEGATIVE"]);
    expect(state.project).toEqual(["p1"]);
  });

  it("offers no link when no calls list filter can say it: a clicked value the page filter excludes, or 'none recorded'", () => {
    expect(callsHref(period, { ...none, outcome: ["WRONG NUMBER"] }, { outcome: ["PAYMENT PROMISE"] })).toBeNull();
    expect(callsHref(period, none, { outcome: [""] })).toBeNull();
    expect(callsHref(period, none, { project: [""] })).toBeNull();
  });

  it("round-trips through the calls page's own parser", async () => {
    const href = callsHref(period, { outcome: ["CALL BACK REQUESTED"], sentiment: [], project: ["p 2"] }, {}, "ai")!;
    const parsed = await callSearchParamsCache.parse(Promise.resolve(Object.fromEntries(new URL(href, "http://x").searchParams)));
    expect(parsed.outcome).toEqual(["CALL BACK REQUESTED"]);
    expect(parsed.project).toEqual(["p 2"]);
  });

  it("in the corrected view (the default) an outcome or sentiment opens the calls whose corrected value it is", async () => {
    // A bar of corrected NOT INTERESTED counts calls a person re-labelled too: the list's AI-outcome filter would miss them.
    const href = callsHref(period, { outcome: [], sentiment: ["NEGATIVE"], project: [] }, { outcome: ["NOT INTERESTED"] })!;
    const parsed = await callSearchParamsCache.parse(Promise.resolve(Object.fromEntries(new URL(href, "http://x").searchParams)));
    expect(parsed.correctedOutcome).toEqual(["NOT INTERESTED"]);
    expect(parsed.correctedSentiment).toEqual(["NEGATIVE"]);
    expect(parsed.outcome).toEqual([]);
    expect(parsed.sentiment).toEqual([]);
  });
});
