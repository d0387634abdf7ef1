"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { sendJson } from "./types";

/** The effective settings of one scope, as lib/compliance/settings.ts ComplianceSettings (restated: components never import lib). */
export interface ScopeSettings {
  collectorType: "debt-collector" | "first-party";
  rules: Record<string, boolean>;
  maxCallsPer7Days: number;
  quietDaysAfterConversation: number;
  callingHours: { start: string; end: string };
  stateOverrides: Record<string, { maxCallsPer7Days: number; citation: string }>;
  whenUnevaluable: "block" | "allow";
  horizonDays: number;
}

export interface SettingsFormProps {
  /** "" = the defaults; other keys = configured portfolios. */
  effective: Record<string, ScopeSettings>;
  portfolios: string[];
  rules: string[];
}

const LOCKED = new Set(["R3", "R4"]);
const RULE_LABEL: Record<string, string> = {
  R1: "Call frequency (7 in 7, 7 days after a conversation)",
  R3: "Calling hours (always on)",
  R4: "Stop-calling requests (always on)",
  R5: "Written cease",
  R6: "Attorney representation",
  R7: "Disputes",
  R8: "Bankruptcy",
  R9: "Mini-Miranda disclosure",
  R10: "Third-party disclosure",
  R12: "State limits",
  R13: "Recording disclosure",
};

function overridesText(o: ScopeSettings["stateOverrides"]): string {
  return Object.entries(o)
    .map(([state, v]) => `${state} ${v.maxCallsPer7Days} ${v.citation}`)
    .join("\n");
}

function parseOverrides(text: string): Record<string, { maxCallsPer7Days: number; citation: string }> {
  const out: Record<string, { maxCallsPer7Days: number; citation: string }> = {};
  for (const line of text.split("\n")) {
    const m = /^\s*(\S+)\s+(\S+)\s*(.*)$/.exec(line);
    if (!m) continue;
    out[m[1]!.toUpperCase()] = { maxCallsPer7Days: Number(m[2]), citation: m[3]!.trim() };
  }
  return out;
}

/** The admin's compliance rules: defaults and per-portfolio changes; the server validates everything and saves nothing on an error. */
export function ComplianceSettingsForm(props: SettingsFormProps) {
  const router = useRouter();
  const [scopes, setScopes] = useState<Record<string, ScopeSettings>>(props.effective);
  const [overrides, setOverrides] = useState(overridesText(props.effective[""]!.stateOverrides));
  const [adding, setAdding] = useState("");
  const [errors, setErrors] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const names = Object.keys(scopes)
    .filter((n) => n !== "")
    .sort();
  const unconfigured = props.portfolios.filter((p) => !(p in scopes));

  const update = (scope: string, patch: Partial<ScopeSettings>) => {
    setSaved(false);
    setScopes((s) => ({ ...s, [scope]: { ...s[scope]!, ...patch } }));
  };

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    const strip = ({ stateOverrides: _o, ...rest }: ScopeSettings) => rest;
    const body = {
      default: { ...scopes[""]!, stateOverrides: parseOverrides(overrides) },
      portfolios: Object.fromEntries(names.map((n) => [n, strip(scopes[n]!)])),
    };
    const failed = await sendJson("/api/compliance/settings", "PUT", body);
    setBusy(false);
    setErrors(failed);
    setSaved(!failed);
    if (!failed) router.refresh();
  }

  return (
    <form onSubmit={save} className="space-y-6" aria-label="Compliance settings">
      <Scope title="Defaults (every portfolio)" scope="" value={scopes[""]!} rules={props.rules} onChange={update} />
      <fieldset className="space-y-1 rounded-lg border border-slate-200 p-3">
        <legend className="px-1 text-sm font-semibold">State overrides (the strictest applies)</legend>
        <label htmlFor="state-overrides" className="block text-xs text-slate-700">
          One per line: state, calls per 7 days per debt, the state law, e.g. “MA 2 940 CMR 7.04(1)(f)”
        </label>
        <textarea
          id="state-overrides"
          value={overrides}
          onChange={(e) => {
            setSaved(false);
            setOverrides(e.target.value);
          }}
          rows={3}
          className="w-full rounded-md border border-slate-300 p-2 font-mono text-sm"
        />
      </fieldset>
      {names.map((name) => (
        <Scope
          key={name}
          title={`Portfolio ${name}`}
          scope={name}
          value={scopes[name]!}
          rules={props.rules}
          onChange={update}
          onRemove={() => {
            setSaved(false);
            setScopes(({ [name]: _gone, ...rest }) => rest);
          }}
        />
      ))}
      {unconfigured.length > 0 ? (
        <div className="flex flex-wrap items-end gap-2">
          <div className="space-y-1">
            <label htmlFor="add-portfolio" className="block text-xs font-medium text-slate-700">
              Portfolio with its own rules
            </label>
            <select
              id="add-portfolio"
              value={adding}
              onChange={(e) => setAdding(e.target.value)}
              className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm"
            >
              <option value="">Choose a portfolio</option>
              {unconfigured.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </div>
          <Button
            disabled={!adding}
            onClick={() => {
              if (!adding) return;
              update(adding, { ...scopes[""]! });
              setAdding("");
            }}
          >
            Configure portfolio
          </Button>
        </div>
      ) : null}
      {errors ? (
        <div role="alert" className="rounded-md border border-rose-200 bg-rose-50 p-3 text-sm text-rose-800">
          <p className="font-medium">Nothing was saved:</p>
          <ul className="mt-1 list-disc pl-5">
            {errors.split("; ").map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {saved ? (
        <p role="status" className="text-sm text-emerald-800">
          Saved. Every account is being re-evaluated with the new rules.
        </p>
      ) : null}
      <Button type="submit" variant="primary" size="md" disabled={busy}>
        Save settings
      </Button>
    </form>
  );
}

function Scope({
  title,
  scope,
  value,
  rules,
  onChange,
  onRemove,
}: {
  title: string;
  scope: string;
  value: ScopeSettings;
  rules: string[];
  onChange: (scope: string, patch: Partial<ScopeSettings>) => void;
  onRemove?: () => void;
}) {
  const id = (name: string) => `cs-${scope || "default"}-${name}`;
  const input = "h-9 rounded-md border border-slate-300 bg-white px-2 text-sm";
  return (
    <fieldset className="space-y-3 rounded-lg border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold">{title}</legend>
      <div className="flex flex-wrap gap-4">
        <div className="space-y-1">
          <label htmlFor={id("collector")} className="block text-xs font-medium text-slate-700">
            Who collects
          </label>
          <select
            id={id("collector")}
            value={value.collectorType}
            onChange={(e) => onChange(scope, { collectorType: e.target.value as ScopeSettings["collectorType"] })}
            className={input}
          >
            <option value="debt-collector">Debt collector (Regulation F applies)</option>
            <option value="first-party">First-party creditor</option>
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor={id("max")} className="block text-xs font-medium text-slate-700">
            Calls per 7 days per debt
          </label>
          <input
            id={id("max")}
            type="number"
            value={value.maxCallsPer7Days}
            onChange={(e) => onChange(scope, { maxCallsPer7Days: Number(e.target.value) })}
            className={`${input} w-24`}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor={id("quiet")} className="block text-xs font-medium text-slate-700">
            Days without calls after a conversation
          </label>
          <input
            id={id("quiet")}
            type="number"
            value={value.quietDaysAfterConversation}
            onChange={(e) => onChange(scope, { quietDaysAfterConversation: Number(e.target.value) })}
            className={`${input} w-24`}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor={id("start")} className="block text-xs font-medium text-slate-700">
            Calling hours from
          </label>
          <input
            id={id("start")}
            value={value.callingHours.start}
            onChange={(e) => onChange(scope, { callingHours: { ...value.callingHours, start: e.target.value } })}
            className={`${input} w-24`}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor={id("end")} className="block text-xs font-medium text-slate-700">
            Calling hours to
          </label>
          <input
            id={id("end")}
            value={value.callingHours.end}
            onChange={(e) => onChange(scope, { callingHours: { ...value.callingHours, end: e.target.value } })}
            className={`${input} w-24`}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor={id("unevaluable")} className="block text-xs font-medium text-slate-700">
            When a rule cannot be checked (zone unknown)
          </label>
          <select
            id={id("unevaluable")}
            value={value.whenUnevaluable}
            onChange={(e) => onChange(scope, { whenUnevaluable: e.target.value as ScopeSettings["whenUnevaluable"] })}
            className={input}
          >
            <option value="block">Do not call</option>
            <option value="allow">Call, and report it</option>
          </select>
        </div>
      </div>
      <div className="grid grid-cols-1 gap-1 sm:grid-cols-2">
        {rules.map((rule) => (
          <label key={rule} className="flex min-h-6 items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4"
              checked={LOCKED.has(rule) ? true : (value.rules[rule] ?? true)}
              disabled={LOCKED.has(rule)}
              onChange={(e) => onChange(scope, { rules: { ...value.rules, [rule]: e.target.checked } })}
            />
            {rule} {RULE_LABEL[rule] ?? ""}
          </label>
        ))}
      </div>
      {onRemove ? (
        <Button variant="ghost" onClick={onRemove}>
          Use the defaults for this portfolio
        </Button>
      ) : null}
    </fieldset>
  );
}
