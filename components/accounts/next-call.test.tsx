import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import type { AccountListItem } from "@/lib/accounts/list/types";
import { NextCall } from "./account-cells";
import { AccountHeader, type AccountHeaderData } from "./account-header";
import { AccountsStack } from "./accounts-stack";

// The header's owner control refreshes the page after an edit; rendered outside Next.js it needs a router.
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh() {}, push() {}, replace() {} }) }));

const item = (nextCall: AccountListItem["nextCall"]) => ({ nextCall }) as AccountListItem;

describe("the accounts list's next-call cell", () => {
  it("says no call is permitted, and why, for an account the guard blocks (it said 'Not evaluated')", () => {
    const html = renderToStaticMarkup(<NextCall item={item({ at: null, reason: "proj_1: on hold: asked not to be called" })} />);
    expect(html).toContain("No call permitted");
    expect(html).toContain("proj_1: on hold: asked not to be called");
    expect(html).not.toContain("Not evaluated");
  });

  it("keeps 'Not evaluated' for an account the guard has not seen, and 'Callable now' for one it allows", () => {
    expect(renderToStaticMarkup(<NextCall item={item(null)} />)).toContain("Not evaluated");
    expect(renderToStaticMarkup(<NextCall item={item({ at: "2020-01-01T00:00:00.000Z", reason: null })} />)).toContain("Callable now");
  });
});

describe("the account page's next permissible call", () => {
  const account: AccountHeaderData = {
    id: "a1",
    key: "account_id:A-1",
    keySource: "metadata",
    assigneeId: null,
    assigneeName: null,
    calls: 3,
    connected: 2,
    conversations: 2,
    rightPartyContacts: 1,
    lastCallAt: "2026-03-02T15:00:00.000Z",
    lastRightPartyAt: null,
    nextCallAt: null,
    nextCallReason: "proj_1: zone unknown: the contact's local time cannot be told",
    numbers: [],
    portfolios: ["proj_1"],
  };
  const nextCallBox = (data: AccountHeaderData) => {
    const html = renderToStaticMarkup(<AccountHeader account={data} users={[]} canAssign={false} />);
    return html.slice(html.indexOf('data-testid="next-call"'));
  };

  it("says none is permitted, with the reason, when the guard blocks every time (it said 'Not evaluated yet' above the reason)", () => {
    const box = nextCallBox(account);
    expect(box).toContain("None permitted");
    expect(box).toContain("zone unknown");
    expect(box).not.toContain("Not evaluated yet");
  });

  it("says 'Not evaluated yet' only when the guard has given no answer", () => {
    expect(nextCallBox({ ...account, nextCallReason: null })).toContain("Not evaluated yet");
  });
});

describe("the accounts list at phone width", () => {
  it("counts one call as '1 call', not '1 calls'", () => {
    const card = (calls: number) =>
      renderToStaticMarkup(
        <AccountsStack
          items={[
            {
              id: "a1",
              key: "account_id:A-1",
              numbers: [],
              lastCall: null,
              calls,
              openPromise: null,
              openCallback: null,
              brokenPromises: 0,
              wrongNumbers: 0,
              attemptsLast7Days: 0,
              nextCall: null,
            } as unknown as AccountListItem,
          ]}
        />,
      );
    expect(card(1)).toContain("1 call<");
    expect(card(1)).not.toContain("1 calls");
    expect(card(1240)).toContain("1,240 calls");
  });
});
