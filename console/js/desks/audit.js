// A case's audit trail on its page (`case.js`), for the owner agency: every read and write of the
// case with the CJIS fields (when, which component, what event, who, outcome, and whether the
// caller's identity was verified), newest first, a page of 25 at a time (`GET /v1/cases/{id}/audit`,
// its `next_cursor` for the older page; the cursors already followed for the newer ones).

import { get, withQuery } from "../api.js";
import { h, when, badge } from "../dom.js";
import { table, section } from "../parts.js";

const words = (text) => String(text || "").replaceAll("_", " ");
const PAGE = 25;

/** Who acted, as the record has it: verified, only claimed (and what), or the system. */
function who(item) {
  if (item.identity === "unverified") {
    return `${item.claimed_subject || item.subject} (${item.claimed_org || item.org}), claimed, not verified`;
  }
  return `${item.subject} (${item.org})${item.identity === "system" ? ", the system" : ""}`;
}

/** The trail of the case `caseId` as a section, one page at a time. */
export function auditSection(caseId) {
  const path = `/v1/cases/${encodeURIComponent(caseId)}`;
  const cursors = [undefined]; // the cursor of each page read so far; the last is the one shown
  let next = null;
  const trail = section("audit", "Audit trail", async (mine) => {
    const answer = await get(withQuery(`${path}/audit`, { limit: PAGE, cursor: cursors.at(-1) }));
    if (mine()) next = answer.next_cursor || null;
    const number = cursors.length;
    return [
      table(`Every read and write of the case, newest first: page ${number}`, [
        ["When", (item) => when(item.at)],
        ["Event", (item) => words(item.event)],
        ["Who", who],
        ["Outcome", (item) => badge(item.outcome, item.outcome === "success" ? "good" : "bad")],
        ["Component", (item) => item.component],
        // What it concerned, when not the case itself (a note, a file, an identifier), and why.
        ["Detail", (item) => [item.resource_id !== caseId && item.resource_id, item.reason].filter(Boolean).join(": ") || "—"],
      ], answer.items, { empty: "Nothing on this page." }),
      h("nav", { class: "row", "aria-label": "Pages of the audit trail" },
        number > 1 ? h("button", { type: "button", class: "quiet", dataset: { key: "audit-newer" }, onclick: () => turn(-1) },
          "Newer records") : null,
        h("span", { class: "muted" }, `Page ${number}`),
        next ? h("button", { type: "button", class: "quiet", dataset: { key: "audit-older" }, onclick: () => turn(1) },
          "Older records") : null),
    ];
  });
  const heading = trail.node.querySelector("h2");
  heading.tabIndex = -1;
  async function turn(step) {
    if (step > 0) cursors.push(next);
    else cursors.pop();
    await trail.refresh();
    // The button pressed is gone on the first and last pages: the keyboard goes back to the heading.
    if (!trail.node.contains(document.activeElement)) heading.focus();
  }
  return trail;
}
