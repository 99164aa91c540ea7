// The agency desk: for a supervisor, the emergency requests waiting for their approval; the
// referrals inbox (accept, decline); the tips inbox (`tips.js`: promote, link, dismiss, reroute);
// the conflicts of its operations the watch floor works (`watch.js`: who owns each, confirm
// contact, ask for an exigent waiver and, for a commander, concur); the cases the agency owns or
// takes part in, each opening its page (`case.js`: facts, agencies, notes, files with their chain
// of custody, identifiers and their hits, operations and their conflicts, the legal process and
// emergency requests served from it, and the owner's audit trail, with the acts: edit, refer and
// withdraw a referral, upload and download a file, add, check and remove an identifier, plan and
// cancel an operation, close, ask a platform, withdraw legal process); and a new case opened from the desk
// (its title, summary and TLP marking), whose page opens.

import { all, post, withQuery } from "../api.js";
import { h, when, clock, badge, announce } from "../dom.js";
import { table, section, action, form, field, marking } from "../parts.js";
import { tipsInbox } from "./tips.js";
import { agencyConflicts } from "./watch.js";
import { openCase } from "./case.js";

const words = (text) => String(text || "").replaceAll("_", " ");
const PRIORITY = { urgent: 0, priority: 1, routine: 2 };

export const agencyDesk = {
  id: "agency",
  name: "Agency desk",
  shownTo: (claims) => claims.scopes.has("cases:read"),

  render(view) {
    const inbox = section("referrals", "Referrals inbox", async () => table(
      "Referrals waiting for your answer, most urgent first",
      [
        ["Priority", (item) => badge(item.priority, item.priority === "urgent" ? "bad" : "")],
        ["From", (item) => item.from_org],
        ["Case", (item) => item.case_title || item.case_id],
        ["Reason", (item) => item.reason],
        ["Respond by", (item) => clock(item.respond_by, "the deadline")],
        ["", (item) => h("div", { class: "stack" },
          action("Accept", async () => {
            await post(`/v1/referrals/${encodeURIComponent(item.referral_id)}/accept`);
            await Promise.all([inbox.refresh(), cases.refresh()]);
          }, { key: `accept-${item.referral_id}`, done: `Accepted the referral from ${item.from_org}` }),
          h("details", {}, h("summary", {}, "Decline"), form(
            `Decline the referral from ${item.from_org}`,
            field("Why you decline", "textarea", { name: "reason", required: true, maxlength: 2000 }),
            async (values) => {
              await post(`/v1/referrals/${encodeURIComponent(item.referral_id)}/decline`, { reason: values.reason });
              await inbox.refresh();
            },
            { submit: "Decline", done: `Declined the referral from ${item.from_org}` },
          )),
        )],
      ],
      (await all("/v1/referrals", { box: "inbound", status: "pending" }))
        .sort((a, b) => (PRIORITY[a.priority] ?? 9) - (PRIORITY[b.priority] ?? 9) || a.respond_by.localeCompare(b.respond_by)),
      { empty: "No referral waits for you.", urgent: (item) => item.priority === "urgent" },
    ));
    const cases = section("cases", "Cases", async () => table(
      "Your agency's cases, last changed first",
      [
        ["Title", (item) => item.title],
        ["Status", (item) => badge(item.status)],
        ["Marking", (item) => `TLP:${String(item.tlp).toUpperCase().replace(/^TLP:/, "")}`],
        ["Owner", (item) => `${item.owner}${item.role ? ` (you: ${words(item.role)})` : ""}`],
        ["Changed", (item) => when(item.updated_at)],
        ["", (item) => h("button", {
          type: "button", class: "quiet", dataset: { key: `case-${item.case_id}` },
          "aria-label": `Open the case ${item.title}`,
          onclick: () => openCase(view, item.case_id),
        }, "Open")],
      ],
      (await all(withQuery("/v1/cases"))).sort((a, b) => String(b.updated_at).localeCompare(String(a.updated_at))),
      { empty: "No cases yet." },
    ));
    if (view.claims.scopes.has("cases:write")) {
      // Under the heading, above a list that grows.
      cases.node.querySelector("h2").after(h("details", {}, h("summary", {}, "Open a case"), form("Open a case", [
        field("Title", "input", { name: "title", required: true, maxlength: 200 }),
        field("Summary (optional)", "textarea", { name: "summary", maxlength: 10000 }),
        marking(),
      ], async (values) => {
        const opened = await post("/v1/cases", { title: values.title, summary: values.summary, tlp: values.tlp });
        openCase(view, opened.case_id);
      }, { submit: "Open the new case", done: "Case opened" })));
    }
    const approver = view.claims.scopes.has("emergency:approve");
    const approvals = approver ? section("approvals", "Emergency requests waiting for your approval", async () => table(
      "Emergency disclosure requests another officer of your agency asked for",
      [
        ["Platform", (item) => item.platform],
        ["Kind", (item) => words(item.emergency.kind)],
        ["What is happening", (item) => item.emergency.description],
        ["Asked by", (item) => `${item.requested_by.name || ""} (${item.requested_by.subject})`],
        ["Asked", (item) => when(item.requested_at)],
        ["", (item) => h("div", { class: "stack" },
          action("Approve", async () => {
            await post(`/v1/emergency-requests/${encodeURIComponent(item.request_id)}/approve`, {});
            await approvals.refresh();
          }, { key: `approve-${item.request_id}`, done: `Approved: it reaches ${item.platform} now` }),
          h("details", {}, h("summary", {}, "Reject"), form(
            `Reject the emergency request to ${item.platform}`,
            field("Why you reject it", "textarea", { name: "reason", required: true, maxlength: 2000 }),
            async (values) => {
              await post(`/v1/emergency-requests/${encodeURIComponent(item.request_id)}/reject`, { reason: values.reason });
              await approvals.refresh();
            },
            { submit: "Reject", done: "Rejected" },
          )),
        )],
      ],
      (await all("/v1/emergency-requests", { status: "awaiting_approval" }))
        .sort((a, b) => a.requested_at.localeCompare(b.requested_at)),
      { empty: "No emergency request waits for your approval.", urgent: () => true },
    )) : null;
    const tips = tipsInbox(view);
    const conflicts = agencyConflicts(view);
    view.show(`Agency desk · ${view.claims.org}`, approvals && approvals.node, inbox.node, conflicts.node, tips.node, cases.node);
    if (approvals) approvals.refresh();
    inbox.refresh();
    tips.refresh();
    conflicts.refresh();
    cases.refresh();
    view.onEvent((event) => {
      const type = event.detail_type || "";
      if (approvals && type.startsWith("Emergency Request")) {
        approvals.refresh();
        if (type === "Emergency Request Awaiting Approval") announce("An emergency request waits for your approval");
      }
      if (type.startsWith("Referral")) {
        inbox.refresh();
        if (type === "Referral Created") announce("New referral in the inbox");
      }
      if (type === "Tip Routed") {
        tips.refresh();
        announce("New tip in the inbox");
      }
      if (type.startsWith("Conflict ")) {
        conflicts.refresh();
        if (type === "Conflict Opened") announce("One of your operations conflicts with another");
        if (type === "Conflict Waiver Asked" && view.claims.scopes.has("deconfliction:waive")) {
          announce("An exigent waiver may wait for your concurrence");
        }
      }
      if (type.startsWith("Case") || type === "Referral Accepted") cases.refresh();
    });
  },
};
