// The desks, and who sees each: by the scopes the person's token carries (which follow their
// organisation's kind and their roles). A desk is `{id, name, shownTo(claims), render(view)}`;
// a new desk is a module here and one line in `DESKS`.

import { legalDesk } from "./legal.js";
import { agencyDesk } from "./agency.js";
import { watchDesk } from "./watch.js";
import { adminDesk } from "./admin.js";
import { reportsDesk } from "./reports.js";

// Reports before administration: oversight's first desk is its figures.
export const DESKS = [legalDesk, agencyDesk, watchDesk, reportsDesk, adminDesk];

/** The desks `claims` call for, in the order above. */
export function desksFor(claims) {
  return DESKS.filter((desk) => desk.shownTo(claims));
}
