// The agency desk's tips inbox: the platforms' tips routed to the agency and not yet triaged,
// escalated ones first; a tip's page shows the report and its route, and triages it: promote to
// a case, link to one of the agency's cases, dismiss with a reason, or reroute to another agency
// with a reason (the `/v1/tips` routes). The agency desk shows it (`agency.js`).

import { all, get, post } from "../api.js";
import { h, when, badge } from "../dom.js";
import { table, section, form, field, facts, accounts, marking, agencyField } from "../parts.js";

const words = (text) => String(text || "").replaceAll("_", " ");

/** The inbox's section (`{node, refresh}`); each tip opens its page. */
export function tipsInbox(view) {
  const inbox = section("tips", "Tips inbox", async () => table(
    "Tips routed to your agency, not yet triaged: escalated first, then newest",
    [
      ["Received", (item) => when(item.received_at)],
      ["From", (item) => `${item.platform} ${item.platform_reference}`],
      ["Category", (item) => words(item.category)],
      ["Flags", (item) => [
        item.escalate ? badge("escalated", "bad") : null,
        item.minors_involved ? badge("minors involved", "bad") : null,
      ]],
      ["Why it came to you", (item) => (item.route ? item.route.reason : "—")],
      ["", (item) => h("button", {
        type: "button",
        dataset: { key: `tip-${item.tip_id}` },
        onclick: () => openTip(view, item.tip_id),
      }, `Triage the tip ${item.platform_reference} from ${item.platform}`)],
    ],
    (await all("/v1/tips", { status: "new" }))
      .sort((a, b) => Number(b.escalate) - Number(a.escalate) || b.received_at.localeCompare(a.received_at)),
    { empty: "No tip waits for triage.", urgent: (item) => item.escalate },
  ));
  return inbox;
}

function openTip(view, id) {
  const path = `/v1/tips/${encodeURIComponent(id)}`;
  return view.open(async (page) => {
    const [tip, cases, directory] = await Promise.all([get(path), all("/v1/cases"), all("/v1/organisations")]);
    const report = tip.report || {};
    const acts = tip.status !== "new" ? [h("p", { class: "muted" }, `Nothing to do: the tip is ${words(tip.status)}.`)] : [
      h("h3", {}, "Promote to a case"),
      form("Promote the tip to a case", [
        field("Case title (the tip's, if left empty)", "input", { name: "title", maxlength: 200 }),
        marking(),
      ], async (values) => {
        await post(`${path}/promote`, { tlp: values.tlp, ...(values.title ? { title: values.title } : {}) });
        page.back(); // triaged: back to the inbox, which no longer holds it
      }, { submit: "Promote", done: "Promoted to a new case" }),
      h("h3", {}, "Link to a case"),
      cases.length ? form("Link the tip to a case", [
        field("Case", "select", { name: "case_id" }, cases.map((item) => [item.case_id, item.title])),
      ], async (values) => {
        await post(`${path}/link`, { case_id: values.case_id });
        page.back(); // triaged: back to the inbox, which no longer holds it
      }, { submit: "Link", done: "Linked to the case" }) : h("p", { class: "muted" }, "Your agency has no case to link it to."),
      h("h3", {}, "Dismiss"),
      form("Dismiss the tip", [
        field("Why you dismiss it", "textarea", { name: "reason", required: true, maxlength: 2000 }),
      ], async (values) => {
        await post(`${path}/dismiss`, { reason: values.reason });
        page.back(); // triaged: back to the inbox, which no longer holds it
      }, { submit: "Dismiss", done: "Dismissed" }),
      h("h3", {}, "Reroute to another agency"),
      form("Reroute the tip", [
        agencyField("Agency", "to_org", directory, view.claims.org),
        field("Why it is theirs", "textarea", { name: "reason", required: true, maxlength: 2000 }),
      ], async (values) => {
        await post(`${path}/reroute`, { to_org: values.to_org, reason: values.reason });
        page.back(); // triaged: back to the inbox, which no longer holds it
      }, { submit: "Reroute", done: "Rerouted" }),
    ];
    page.show(
      `Tip ${tip.platform_reference} from ${tip.platform}`,
      facts([
        ["Status", badge(tip.status)],
        ["Category", words(tip.category)],
        ["Substances", (report.substances || []).map(words).join(", ")],
        ["Received", when(tip.received_at)],
        ["Why it came to you", tip.route && tip.route.reason],
        ["Rerouted from", (tip.rerouted_from || []).join(", ")],
        ["Escalated (imminent harm)", tip.escalate ? "yes" : "no"],
        ["Minors involved", tip.minors_involved ? "yes" : "no"],
        ["Reported accounts", accounts((report.reported_accounts || []).map((account) => ({
          service: account.service, value: account.handle || account.platform_user_id,
        })))],
        ["Content", report.content && report.content.length ? h("ul", { class: "plain" }, report.content.map((item) => h("li", {},
          item.description ? `${item.description} (${item.url})` : item.url))) : null],
        ["Where", report.estimated_location && [report.estimated_location.city, report.estimated_location.state, report.estimated_location.country].filter(Boolean).join(", ")],
        ["Case", tip.case_id],
      ]),
      h("h2", {}, "Triage"),
      acts,
    );
  });
}
