// The platform legal desk: the emergency queue first (unacknowledged on top, each with its SLA
// clock), then legal process and preservations by status and due date; a request's page shows
// the requester's standing (`GET /v1/requesters/{id}`) and lets the desk acknowledge and answer.

import { all, get, post } from "../api.js";
import { h, when, clock, badge, announce } from "../dom.js";
import { table, section, facts, action, form, field, accounts } from "../parts.js";
import { productionUpload, uploadsOf } from "../upload.js";
import { fileDownload } from "../download.js";

const EMERGENCY = "/v1/emergency-requests";
const LEGAL = "/v1/legal-requests";
const PRESERVATIONS = "/v1/preservations";

/** The queue's order: what waits for an acknowledgement, then what waits for an answer, then the rest. */
const EMERGENCY_RANK = { approved: 0, acknowledged: 1, on_hold: 2, answered: 3 };
const LEGAL_RANK = { sent: 0, acknowledged: 1, answered: 2, withdrawn: 3 };
const PRESERVATION_RANK = { requested: 0, acknowledged: 1, expired: 2, fulfilled: 3 };

function byRank(rank, due) {
  return (a, b) => (rank[a.status] ?? 9) - (rank[b.status] ?? 9) || String(due(a)).localeCompare(String(due(b)));
}

const words = (text) => String(text || "").replaceAll("_", " ");

/** The files uploaded to a request and checked, which an answer that produces names. */
const produced = (requestId, outcome) => (["declined", "rejected"].includes(outcome) ? []
  : uploadsOf(requestId).filter((file) => file.status === "available").map((file) => file.file_id));

export function emergencyQueue(items) {
  return [...items].sort(byRank(EMERGENCY_RANK, (item) => item.acknowledge_by || item.requested_at));
}

export const legalDesk = {
  id: "legal",
  name: "Legal desk",
  shownTo: (claims) => claims.scopes.has("legal:respond"),

  render(view) {
    const open = (kind, id) => (kind === "emergency" ? openEmergency(view, id) : openLegal(view, id));
    const emergencies = section("emergencies", "Emergency queue", async () => table(
      "Emergency disclosure requests, unacknowledged first",
      [
        ["Status", (item) => badge(item.status, item.status === "approved" ? "bad" : "")],
        ["Agency", (item) => item.requester],
        ["Kind", (item) => words(item.emergency.kind)],
        ["Reached you", (item) => when(item.decided_at)],
        ["Acknowledgement", (item) => (item.status === "approved" && item.acknowledge_by
          ? clock(item.acknowledge_by, "the SLA") : when(item.acknowledged_at))],
        ["", (item) => h("button", {
          type: "button", class: "quiet", dataset: { key: item.request_id },
          "aria-label": `Open the ${words(item.emergency.kind)} emergency request from ${item.requester}`,
          onclick: open("emergency", item.request_id),
        }, "Open")],
      ],
      emergencyQueue(await all(EMERGENCY)),
      { empty: "No emergency requests.", urgent: (item) => item.status === "approved" },
    ));
    const legal = section("legal", "Legal process", async () => table(
      "Legal requests by status, then due date",
      [
        ["Status", (item) => badge(item.status)],
        ["Kind", (item) => words(item.kind)],
        ["Agency", (item) => item.requester],
        ["Due", (item) => (item.status === "sent" || item.status === "acknowledged" ? clock(item.due_at) : when(item.due_at))],
        ["", (item) => h("button", {
          type: "button", class: "quiet", dataset: { key: item.request_id },
          "aria-label": `Open the ${words(item.kind)} from ${item.requester}`,
          onclick: open("legal", item.request_id),
        }, "Open")],
      ],
      (await all(LEGAL)).sort(byRank(LEGAL_RANK, (item) => item.due_at)),
      { empty: "No legal requests." },
    ));
    const preservations = section("preservations", "Preservations", async () => table(
      "Preservation requests by status, then expiry",
      [
        ["Status", (item) => badge(item.status)],
        ["Agency", (item) => item.requester],
        ["Accounts", (item) => accounts(item.accounts)],
        ["Expires", (item) => (item.status === "expired" ? when(item.expires_at) : clock(item.expires_at, "expiry"))],
        ["", (item) => (item.status === "requested"
          ? h("details", {}, h("summary", { dataset: { key: item.preservation_id } }, "Acknowledge"), form(
            `Acknowledge the preservation request from ${item.requester}`,
            field("Your reference", "input", { name: "platform_reference", required: true, maxlength: 200 }),
            async (values) => {
              await post(`${PRESERVATIONS}/${encodeURIComponent(item.preservation_id)}/acknowledge`, values);
              await preservations.refresh();
            },
            { submit: "Acknowledge", done: "Preservation acknowledged" },
          ))
          : item.platform_reference || "")],
      ],
      (await all(PRESERVATIONS)).sort(byRank(PRESERVATION_RANK, (item) => item.expires_at)),
      { empty: "No preservation requests." },
    ));
    view.show(`Legal desk · ${view.claims.org}`, emergencies.node, legal.node, preservations.node);
    emergencies.refresh();
    legal.refresh();
    preservations.refresh();
    view.onEvent((event) => {
      const type = event.detail_type || "";
      if (type.startsWith("Emergency Request")) {
        emergencies.refresh();
        if (type === "Emergency Request") announce(`New emergency request from ${event.detail.requester || "an agency"}`);
      } else if (type.startsWith("Legal Request") || type.startsWith("Nondisclosure")) {
        legal.refresh();
        if (type === "Legal Request Sent") announce("New legal request");
      } else if (type.startsWith("Preservation")) {
        preservations.refresh();
      }
    });
  },
};

/** The requester's standing, as the registry knows them now. */
function standing(personId, assurance) {
  const part = section("standing", "Requester's standing", async () => {
    if (!personId) return h("p", { class: "muted" }, "The request names no registered person.");
    const person = await get(`/v1/requesters/${encodeURIComponent(personId)}`);
    const reports = person.fraud_reports || 0;
    return facts([
      ["Name", [person.name, person.title ? ` (${person.title})` : ""]],
      ["Organisation", `${person.organisation.name} (${person.organisation.code}, ${words(person.organisation.kind)})`],
      ["Status", badge(person.status, person.status === "active" ? "good" : "bad")],
      ["Roles", person.roles.map(words).join(", ")],
      ["Verified", person.verified_at ? [when(person.verified_at), ` by ${person.verified_by || "—"}`] : badge("not verified", "bad")],
      ["Verify again by", when(person.reverify_by)],
      ["Signed in with", badge(words(assurance || "unknown"), assurance === "phishing_resistant" ? "good" : "")],
      ["Call-back line (registry)", person.verification_line],
      ["Emergency requests reached", `${person.emergency_platforms_24h ?? 0} platforms in 24 h, ${person.emergency_platforms_30d ?? 0} in 30 days`],
      ["Reported as fraud", badge(`${reports} time${reports === 1 ? "" : "s"}`, reports ? "bad" : "good")],
    ]);
  });
  part.refresh();
  return part.node;
}

function fraudReport(path, after) {
  return h("details", {}, h("summary", {}, "Report as fraudulent"), form(
    "Report this request as fraudulent",
    field("Why you believe it is not genuine", "textarea", { name: "reason", required: true, maxlength: 2000 }),
    async (values) => { await post(`${path}/report-fraud`, { reason: values.reason }); await after(); },
    { submit: "Report as fraud", done: "Reported as fraudulent" },
  ));
}

/**
 * A request's page: `draw(found, path, reload)` answers its title, its facts and what the desk
 * may do; the requester's standing, the report as fraud and the way back are every request's.
 */
function requestPage(view, base, id, draw) {
  const open = () => view.open(async (page) => {
    const path = `${base}/${encodeURIComponent(id)}`;
    const found = await get(path);
    const { title, details, acts } = draw(found, path, open);
    page.show(
      title,
      details,
      standing(found.requester_id, found.requester_assurance),
      h("h2", {}, "Act"),
      acts.length ? acts : h("p", { class: "muted" }, `Nothing to do: the request is ${words(found.status)}.`),
      fraudReport(path, open),
    );
  });
  return open;
}

/** An emergency request's page. */
function openEmergency(view, id) {
  return requestPage(view, EMERGENCY, id, (found, path, reload) => {
    const acts = [];
    if (found.status === "approved") {
      acts.push(action("Acknowledge", async () => { await post(`${path}/acknowledge`, {}); await reload(); }, { done: "Acknowledged" }));
    }
    if (found.status === "acknowledged") {
      acts.push(h("h3", {}, "Disclosure files"), productionUpload(path, found.request_id, () => {}));
      acts.push(h("h3", {}, "Answer"), form(
        "Answer the emergency request",
        [
          field("Outcome", "select", { name: "outcome" }, [
            ["disclosed", "Disclosed"], ["partially_disclosed", "Partially disclosed"], ["declined", "Declined"],
          ]),
          field("Reason (what was not disclosed and why; required unless disclosed)", "textarea", { name: "reason", maxlength: 2000 }),
        ],
        async (values) => {
          await post(`${path}/answer`, {
            outcome: values.outcome, reason: values.reason || null, file_ids: produced(found.request_id, values.outcome),
          });
          await reload();
        },
        { submit: "Send the answer", done: "Answer sent" },
      ));
    }
    return {
      title: `Emergency request from ${found.requester}`,
      acts,
      details: facts([
        ["Status", badge(found.status, found.status === "approved" ? "bad" : "")],
        ["Acknowledge by", found.status === "approved" && found.acknowledge_by ? clock(found.acknowledge_by, "the SLA") : when(found.acknowledge_by)],
        ["Kind", words(found.emergency.kind)],
        ["What is happening", found.emergency.description],
        ["Why it cannot wait", found.emergency.why_without_delay],
        ["Records needed", `${found.emergency.data_needed.categories.map(words).join(", ")}: ${found.emergency.data_needed.detail}`],
        ["How it helps", found.emergency.how_it_helps],
        ["Accounts", accounts(found.accounts)],
        ["Asked by", `${found.requested_by.name || ""} (${found.requested_by.subject})`],
        ["Approved by", found.approved_by ? `${found.approved_by.name || ""} (${found.approved_by.subject})` : "—"],
        ["Call back on (registry)", found.verification_line],
        ["Answer", found.answer ? `${words(found.answer.outcome)}${found.answer.reason ? ": " + found.answer.reason : ""}` : "—"],
      ]),
    };
  });
}

/** A legal request's page. */
function openLegal(view, id) {
  return requestPage(view, LEGAL, id, (found, path, reload) => {
    const acts = [];
    if (found.status === "sent") {
      acts.push(form(
        "Acknowledge the legal request",
        field("Your reference", "input", { name: "platform_reference", required: true, maxlength: 200 }),
        async (values) => { await post(`${path}/acknowledge`, values); await reload(); },
        { submit: "Acknowledge", done: "Acknowledged" },
      ));
    }
    if (found.status === "acknowledged") {
      acts.push(h("h3", {}, "Production files"), productionUpload(path, found.request_id, () => {}));
      acts.push(h("h3", {}, "Answer"), form(
        "Answer the legal request",
        [
          field("Outcome", "select", { name: "outcome" }, [
            ["produced", "Produced"], ["partially_produced", "Partially produced"], ["rejected", "Rejected"],
          ]),
          field("Reason, if rejected", "select", { name: "reason_code" }, [
            ["", "—"], ["insufficient_process", "Insufficient process"], ["no_records", "No records"],
            ["account_not_found", "Account not found"], ["overbroad", "Overbroad"], ["other", "Other"],
          ]),
          field("Detail (what was not produced and why)", "textarea", { name: "detail", maxlength: 4000 }),
        ],
        async (values) => {
          await post(`${path}/answer`, {
            outcome: values.outcome,
            reason_code: values.reason_code || null,
            detail: values.detail || null,
            file_ids: produced(found.request_id, values.outcome),
          });
          await reload();
        },
        { submit: "Send the answer", done: "Answer sent" },
      ));
    }
    return {
      title: `${words(found.kind)} from ${found.requester}`,
      acts,
      details: facts([
        ["Status", badge(found.status)],
        ["Due", found.status === "sent" || found.status === "acknowledged" ? clock(found.due_at) : when(found.due_at)],
        ["Authority", `${found.authority.reference}, issued by ${found.authority.issued_by}`],
        ["Records", found.categories.map(words).join(", ")],
        ["Accounts", accounts(found.accounts)],
        ["Contact", [found.contact.name, found.contact.phone, found.contact.email].filter(Boolean).join(" · ")],
        ["Document served", found.document_file_id ? fileDownload(found.document_file_id, "Download the document served") : "—"],
        ["Nondisclosure until", when(found.nondisclosure_until)],
        ["Your reference", found.platform_reference],
        ["Answer", found.answer ? words(found.answer.outcome) : "—"],
        ["Warnings", (found.warnings || []).join("; ")],
      ]),
    };
  });
}
