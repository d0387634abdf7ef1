import { LocalTime } from "@/components/ui/time";
import { FlagBanner } from "./flag-banner";
import { AddHoldForm, ClearHoldButton } from "./hold-forms";
import type { FlagItem, HoldItem, NextCallItem } from "./types";

export interface AccountComplianceProps {
  accountId: string;
  flags: FlagItem[];
  holds: HoldItem[];
  nextCalls: NextCallItem[];
  canAddHold: boolean;
  canClear: boolean;
  canReview: boolean;
}

/**
 * The account page's compliance block (mount with the result of
 * lib/compliance/queries.ts accountCompliance): flags, holds with add/clear,
 * and the next permissible call per debt with its binding reason.
 */
export function AccountCompliance(props: AccountComplianceProps) {
  const standing = props.holds.filter((h) => !h.cleared);
  return (
    <section aria-labelledby="account-compliance-title" className="space-y-3">
      <h2 id="account-compliance-title" className="text-base font-semibold">
        Compliance
      </h2>
      <FlagBanner flags={props.flags} canReview={props.canReview} title="Compliance flags on this account" />
      <div className="rounded-lg border border-slate-200 p-3">
        <h3 className="text-sm font-semibold">Next permissible call</h3>
        {props.nextCalls.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">Not evaluated yet.</p>
        ) : (
          <ul className="mt-2 space-y-1 text-sm">
            {props.nextCalls.map((n) => (
              <li key={n.debtKey}>
                <span className="font-medium">{n.debtKey}</span>:{" "}
                {n.nextAt ? <LocalTime iso={n.nextAt} /> : <span className="font-medium text-rose-800">no permissible time</span>}
                {n.reason ? <span className="text-slate-600"> — {n.reason}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="space-y-2 rounded-lg border border-slate-200 p-3">
        <h3 className="text-sm font-semibold">
          Holds ({standing.length} standing{props.holds.length > standing.length ? `, ${props.holds.length - standing.length} cleared` : ""}
          )
        </h3>
        {props.holds.length === 0 ? <p className="text-sm text-slate-600">No holds.</p> : null}
        <ul className="space-y-2">
          {props.holds.map((h) => (
            <li key={h.holdId} className="flex flex-col gap-2 text-sm sm:flex-row sm:items-start sm:justify-between">
              <div>
                <p className={h.cleared ? "text-slate-600 line-through" : "font-medium text-slate-900"}>
                  {h.label} — {h.citation}
                </p>
                <p className="text-xs text-slate-600">
                  {h.source === "speech" ? "Said on a call" : `Entered: ${h.note}`}
                  {h.placedAt ? (
                    <>
                      {" · "}
                      <LocalTime iso={h.placedAt} />
                    </>
                  ) : null}
                  {h.cleared ? ` · cleared: “${h.cleared.reason}”` : ""}
                </p>
              </div>
              {props.canClear && !h.cleared ? <ClearHoldButton accountId={props.accountId} hold={h} /> : null}
            </li>
          ))}
        </ul>
        {props.canAddHold ? <AddHoldForm accountId={props.accountId} /> : null}
      </div>
    </section>
  );
}
