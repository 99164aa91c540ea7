// The desks, and who sees each: by the scopes the person's token carries (which follow their
// organisation's kind and their roles). A desk is `{id, name, shownTo(claims), render(view)}`;
// a new desk is a module here and one line in `DESKS`.
//
// Not yet built (issue 35): the watch floor (issue 33's watch center) and reports (issue 34)
// are listed for the organisations that will have them and say so.

import { legalDesk } from "./legal.js";
import { agencyDesk } from "./agency.js";
import { adminDesk } from "./admin.js";
import { h } from "../dom.js";

const has = (claims, scope) => claims.scopes.has(scope);

function notYetBuilt(id, name, shownTo, what) {
  return {
    id,
    name,
    shownTo,
    render(view) {
      view.show(name, h("p", { class: "notice" }, `${name} is not built yet: ${what}`));
    },
  };
}

export const DESKS = [
  legalDesk,
  agencyDesk,
  notYetBuilt(
    "watch",
    "Watch floor",
    (claims) => has(claims, "conflicts:watch"),
    "the watch center's conflicts, clocks and outcomes come with issue 33.",
  ),
  adminDesk,
  notYetBuilt(
    "reports",
    "Reports",
    (claims) => has(claims, "reports:read"),
    "figures and charts come with issue 34.",
  ),
];

/** The desks `claims` call for, in the order above. */
export function desksFor(claims) {
  return DESKS.filter((desk) => desk.shownTo(claims));
}
