import { createLoader } from "nuqs/server";
import { describe, expect, it } from "vitest";
import { toCallQuery } from "./filters";
import {
  callSearchParsers,
  callsApiQuerySchema,
  FILTER_KEYS,
  normaliseSearchText,
  searchParamsToObject,
  serializeCallSearch,
} from "./search-params";

const load = createLoader(callSearchParsers);

describe("calls list URL state", () => {
  it("reads repeatable, readable keys with the raw Levers values", () => {
    const state = load(
      "?outcome=PAYMENT+PROMISE&outcome=WRONG+NUMBER&sentiment=NEGATIVE&q=promise+to+pay&project=proj_1&hasRecording=true&durationMin=30&sort=duration.asc&limit=100",
    );
    expect(state).toMatchObject({
      outcome: ["PAYMENT PROMISE", "WRONG NUMBER"],
      sentiment: ["NEGATIVE"],
      q: "promise to pay",
      project: ["proj_1"],
      hasRecording: true,
      durationMin: 30,
      sort: "duration.asc",
      limit: 100,
    });
  });

  it("drops invalid values in the UI instead of failing the page", () => {
    const state = load("?from=yesterday&limit=5000&durationMin=-3&sort=bogus&cursor=not%20a%20cursor&tz=Mars/Base&hide=outcome,nope");
    expect(state).toMatchObject({ from: null, limit: 50, durationMin: null, sort: null, cursor: null, tz: null, hide: ["outcome"] });
  });

  it("serializes back to the same readable URL", () => {
    const url = serializeCallSearch("/calls", { outcome: ["PAYMENT PROMISE", "WRONG NUMBER"], sentiment: ["NEGATIVE"], q: "late fee" });
    expect(url).toBe("/calls?outcome=PAYMENT+PROMISE&outcome=WRONG+NUMBER&sentiment=NEGATIVE&q=late+fee");
    expect(load(url.slice(url.indexOf("?")))).toMatchObject({
      outcome: ["PAYMENT PROMISE", "WRONG NUMBER"],
      sentiment: ["NEGATIVE"],
      q: "late fee",
    });
  });

  it("keeps the UI parsers and the API schema in step: every filter key is an API parameter", () => {
    const apiKeys = Object.keys(callsApiQuerySchema.shape);
    const uiKeys = Object.keys(callSearchParsers).filter((k) => k !== "hide");
    expect(apiKeys.length).toBeGreaterThan(10);
    expect(new Set(apiKeys)).toEqual(new Set(uiKeys));
    for (const key of FILTER_KEYS) expect(uiKeys).toContain(key);
  });
});

describe("GET /api/calls parameters (zod)", () => {
  const parse = (qs: string) => {
    const { value } = searchParamsToObject(new URLSearchParams(qs));
    return callsApiQuerySchema.safeParse(value);
  };

  it("accepts the documented parameters", () => {
    const r = parse("outcome=PAYMENT%20PROMISE&sentiment=NEGATIVE&q=friday&from=2026-11-01&to=2026-11-28T00:00:00Z&project=p1&limit=200");
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ outcome: ["PAYMENT PROMISE"], limit: 200, from: "2026-11-01" });
  });

  it.each([
    ["limit=201", "limit"],
    ["limit=0", "limit"],
    ["limit=ten", "limit"],
    ["from=2026-13-01", "from"],
    ["to=2026-11-01T08:00:00", "to"],
    ["durationMin=abc", "durationMin"],
    ["durationMin=90&durationMax=30", "durationMin"],
    ["hasRecording=yes", "hasRecording"],
    ["sort=name.asc", "sort"],
    ["sort=relevance", "sort"],
    ["cursor=%25%25", "cursor"],
    ["tz=Mars/Base", "tz"],
    ["outcomes=WRONG", ""],
  ])("rejects %s", (qs, path) => {
    const r = parse(qs);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toContain(path);
  });

  it("turns into the same filters as the page does", () => {
    const api = callsApiQuerySchema.parse(
      searchParamsToObject(new URLSearchParams("outcome=WRONG%20NUMBER&from=2026-11-01&tz=Europe/Paris")).value,
    );
    const ui = load("?outcome=WRONG+NUMBER&from=2026-11-01&tz=Europe/Paris");
    expect(toCallQuery(api)).toEqual(toCallQuery(ui));
    expect(toCallQuery(api).filters.from?.toISOString()).toBe("2026-10-31T23:00:00.000Z");
  });

  it("defaults to relevance when searching and newest first otherwise", () => {
    expect(toCallQuery(load("?q=late")).page.sort).toBe("relevance");
    expect(toCallQuery(load("?")).page.sort).toBe("receivedAt.desc");
  });
});

describe("normaliseSearchText", () => {
  it.each([
    ["--friday", "friday"],
    ["---friday", "-friday"],
    ["pay --friday", "pay friday"],
    ["pay - - - friday", "pay - friday"],
    ["-".repeat(60), ""],
    ["-".repeat(61), "-"],
    ["e-mail re-sent", "e-mail re-sent"],
    ['-"on friday"', '-"on friday"'],
  ])("%j → %j", (input, expected) => {
    expect(normaliseSearchText(input)).toBe(expected);
  });
});
