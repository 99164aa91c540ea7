// What an agency asks of a platform from a case's page (`case.js`): an emergency disclosure
// (`POST /v1/cases/{id}/emergency-requests`: the statute's test answered; it waits for a second
// person's approval), legal process served (`…/legal-requests`: a subpoena, a 2703(d) order or a
// warrant, with its signed document for the last two), and a preservation (`…/preservations`).

import { post } from "../api.js";
import { h, fill } from "../dom.js";
import { form, field, choices } from "../parts.js";

const words = (text) => String(text || "").replaceAll("_", " ");
const EMERGENCY = ["overdose_risk", "minor_at_risk", "threat_to_life", "kidnapping", "other"];
const LEGAL = [["subpoena", "Subpoena (subscriber records)"], ["court_order", "2703(d) court order (and non-content records)"],
  ["search_warrant", "Search warrant (and content)"]];
const RECORDS = [["subscriber", "Subscriber records"], ["non_content", "Non-content records (logs, IP history)"],
  ["content", "Content of communications"]];

/**
 * The accounts typed one a line, as the API names them: `INSTAGRAM @plug.nyc`, `INSTAGRAM
 * 17841400000000001` (a user id), `https://…` (a profile); the service may be left out when the
 * platform runs one. The API says which line it refuses (`accounts.N`).
 */
export function accountsOf(text) {
  return String(text || "").split("\n").map((line) => line.trim()).filter(Boolean).map((line) => {
    const [first, ...rest] = line.split(/\s+/);
    const service = rest.length && /^[A-Z][A-Z0-9_]*$/.test(first) ? first : undefined;
    const value = service ? rest.join(" ") : line;
    if (/^https?:\/\//i.test(value)) return { service, profile_url: value };
    if (/^\d+$/.test(value)) return { service, platform_user_id: value };
    return { service, handle: value };
  });
}

/** The platform a request goes to: chosen from the registry's platforms, or typed as a code. */
function platformField(directory) {
  const platforms = directory.filter((org) => org.kind === "platform");
  return platforms.length
    ? field("Platform", "select", { name: "platform" }, platforms.map((org) => [org.code, `${org.code} · ${org.name}`]))
    : field("Platform (its code in the registry)", "input", { name: "platform", required: true, maxlength: 32 });
}

const accountsField = () => field(
  "Accounts, one a line: the service, then the handle, user id or profile URL (INSTAGRAM @plug.nyc)",
  "textarea", { name: "accounts", required: true, rows: 3, maxlength: 4000 },
);
const text = (label, name, props = {}) => field(label, "textarea", { name, required: true, maxlength: 4000, ...props });
const day = (value, end = false) => (value ? `${value}T${end ? "23:59:59" : "00:00:00"}Z` : undefined);

/** A form behind a disclosure button, as the agency desk's decline. */
const folded = (summary, content) => h("details", {}, h("summary", {}, summary), content);

/**
 * The three forms on a case's page (`forms`). `directory` is the registry's (for the platforms),
 * `documents()` the case's files now (a legal request names its signed document among them: call
 * `filesChanged()` when they change), `sent(what)` is told after each request the API took;
 * `emergencies` is false for a person whose token may not ask for one (`emergency:request`).
 */
export function requestForms(path, { directory, documents, sent, emergencies = true }) {
  const emergency = form("Ask for an emergency disclosure", [
    platformField(directory),
    accountsField(),
    field("Kind of emergency", "select", { name: "kind" }, EMERGENCY.map((kind) => [kind, words(kind)])),
    text("What is happening: the danger of death or serious physical injury", "description"),
    text("Why it cannot wait for legal process", "why_without_delay"),
    choices("Records needed", "categories", RECORDS, ["subscriber"]),
    text("Exactly which records, for which period", "detail"),
    text("How the records would help avert the danger", "how_it_helps"),
  ], async (values, data) => {
    await post(`${path}/emergency-requests`, {
      platform: values.platform,
      accounts: accountsOf(values.accounts),
      emergency: {
        kind: values.kind,
        description: values.description,
        why_without_delay: values.why_without_delay,
        data_needed: { categories: data.getAll("categories"), detail: values.detail },
        how_it_helps: values.how_it_helps,
      },
    });
    sent("emergency");
  }, { submit: "Ask for the disclosure", done: "Asked: it waits for a supervisor of your agency to approve it", reset: true });

  const signed = h("select", { name: "document_file_id", id: `document-${Math.random().toString(36).slice(2, 8)}` });
  const offerDocuments = () => {
    const chosen = signed.value;
    fill(signed, h("option", { value: "" }, "None (a subpoena needs none)"),
      documents().filter((file) => file.purpose === "legal_process" && file.status === "available")
        .map((file) => h("option", { value: file.file_id }, file.name)));
    if ([...signed.options].some((option) => option.value === chosen)) signed.value = chosen;
  };
  offerDocuments();
  const legal = form("Serve legal process", [
    platformField(directory),
    field("Kind", "select", { name: "kind" }, LEGAL),
    accountsField(),
    choices("Records asked for", "categories", RECORDS, ["subscriber"]),
    h("div", { class: "row" },
      field("Records from", "input", { name: "from", type: "date", required: true }),
      field("to", "input", { name: "to", type: "date", required: true })),
    field("Reference (docket or number)", "input", { name: "reference", required: true, maxlength: 200 }),
    field("Issued by (court, grand jury or agency)", "input", { name: "issued_by", required: true, maxlength: 200 }),
    field("Issued on", "input", { name: "issued_at", type: "date", required: true }),
    h("div", { class: "stack" },
      h("label", { for: signed.id }, "Signed document (a file of the case uploaded as a document to serve)"), signed),
    field("Not to be disclosed to the account holder before (2705(b), optional)", "input", { name: "nondisclosure_until", type: "date" }),
  ], async (values, data) => {
    await post(`${path}/legal-requests`, {
      platform: values.platform,
      kind: values.kind,
      accounts: accountsOf(values.accounts),
      categories: data.getAll("categories"),
      date_range: { from: day(values.from), to: day(values.to, true) },
      authority: { reference: values.reference, issued_by: values.issued_by, issued_at: day(values.issued_at) },
      document_file_id: values.document_file_id || undefined,
      nondisclosure_until: day(values.nondisclosure_until),
    });
    sent("legal");
  }, { submit: "Serve", done: "Served: the platform is told", reset: true });

  const preservation = form("Request a preservation", [platformField(directory), accountsField()], async (values) => {
    await post(`${path}/preservations`, { platform: values.platform, accounts: accountsOf(values.accounts) });
    sent("preservation");
  }, { submit: "Request the preservation", done: "Requested: the platform keeps the records 90 days", reset: true });

  return {
    forms: [
      emergencies ? folded("Ask for an emergency disclosure", emergency) : null,
      folded("Serve legal process", legal),
      folded("Request a preservation", preservation),
    ].filter(Boolean),
    filesChanged: offerDocuments, // a document uploaded to the case is offered at once
  };
}
