// The reports desk: the reports the signed-in organisation's kind reads (`/v1/reports/{report}`),
// over a period chosen by year, half, quarter or month; each section a table from the JSON, the
// charts as an image, and the CSV to download. The charts are pygal's SVG, which carries an inline
// script: it is never put into the page, only shown as an `<img>` from a `blob:` URL, where no
// script of it runs and nothing it names is fetched (`img-src 'self' blob:`, docs/console.md).

import { get, getAs, withQuery } from "../api.js";
import { h, fill, failure, announce } from "../dom.js";
import { table, field, action, turns } from "../parts.js";

const TITLES = {
  transparency: "Transparency report",
  agency: "Agency report",
  watch: "Watch center report",
  national: "National picture",
  progress: "Semiannual progress report",
};

/** The reports an organisation's kind reads, told by the scopes its token carries. */
export function reportsFor(claims) {
  if (claims.scopes.has("legal:respond")) return ["transparency"];
  if (claims.scopes.has("conflicts:watch")) return ["watch"];
  if (claims.scopes.has("cases:read")) return ["agency"];
  return ["national", "progress"]; // oversight reads the nation's figures only
}

/** The reports read by half-year only. */
const BY_HALF = new Set(["national", "progress"]);

/** The periods to choose from, newest first in each group: this year and last. */
export function periods(today = new Date()) {
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth() + 1;
  const groups = { Year: [], Half: [], Quarter: [], Month: [] };
  for (const y of [year, year - 1]) {
    const last = y === year ? month : 12;
    groups.Year.push(String(y));
    for (let n = Math.ceil(last / 6); n >= 1; n -= 1) groups.Half.push(`${y}-H${n}`);
    for (let n = Math.ceil(last / 3); n >= 1; n -= 1) groups.Quarter.push(`${y}-Q${n}`);
    for (let n = last; n >= 1; n -= 1) groups.Month.push(`${y}-${String(n).padStart(2, "0")}`);
  }
  return groups;
}

function chooser(name, label, groups, chosen) {
  const node = field(label, "select", { name });
  const select = node.querySelector("select");
  for (const [group, values] of Object.entries(groups)) {
    select.append(h("optgroup", { label: group }, values.map((value) => h("option", { value }, value))));
  }
  select.value = chosen;
  return node;
}

/** A section's table: a column per dimension it is shown by, then its figure; its total last. */
function sectionTable(section) {
  const labels = section.by.map((name) => [name.replaceAll("_", " "), (row) => row.labels[name] ?? "—"]);
  const rows = section.total ? [...section.rows, { ...section.total, labels: { [section.by[0]]: "total" } }] : section.rows;
  return table(section.title, [...labels, [String(section.shown).replaceAll("_", " "), (row) => row.shown]], rows,
    { empty: `${section.title}: nothing counted in the period.` });
}

function saveAs(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const reportsDesk = {
  id: "reports",
  name: "Reports",
  shownTo: (claims) => claims.scopes.has("reports:read"),

  render(view) {
    const names = reportsFor(view.claims);
    // The nation's reports hide small cells and are read by half-year only (the API refuses
    // periods that overlap: subtracting them would show a hidden cell).
    const byHalf = names.every((name) => BY_HALF.has(name));
    const groups = byHalf ? { Half: periods().Half } : periods();
    const place = h("div", { id: "report-body" });
    const picker = h("form", { class: "row", "aria-label": "Choose a report and its period" },
      field("Report", "select", { name: "report" }, names.map((name) => [name, TITLES[name] || name])),
      chooser("period", byHalf ? "Period (half-year)" : "Period (year, half, quarter or month)", groups, groups.Half[0]),
      h("div", {}, h("button", { type: "submit" }, "Show")));
    let chart = null;
    const turn = turns();
    const show = async () => {
      const mine = turn();
      const values = Object.fromEntries(new FormData(picker));
      const path = withQuery(`/v1/reports/${encodeURIComponent(values.report)}`, { period: values.period });
      fill(place, h("p", { class: "muted", "aria-busy": "true" }, "Loading…"));
      try {
        const found = await get(path);
        if (!mine()) return; // another report or period was asked for meanwhile
        if (chart) URL.revokeObjectURL(chart);
        chart = null;
        const figure = h("figure", { class: "chart" }, h("p", { class: "muted" }, "Drawing the charts…"));
        fill(place,
          h("h2", { id: "report-heading" }, `${found.title} · ${found.audience} · ${found.period.name}`),
          h("p", { class: "muted" }, `From ${found.period.starts} to ${found.period.ends}.`,
            found.hidden_under ? ` Counts under ${found.hidden_under} are shown as <${found.hidden_under}.` : ""),
          action("Download the CSV", async () => saveAs(await getAs(path, "text/csv"), `${found.report}-${found.period.name}.csv`)),
          found.sections.map(sectionTable),
          found.gaps && found.gaps.length ? [h("h3", {}, "Not counted yet"), h("ul", {}, found.gaps.map((gap) => h("li", {}, gap)))] : null,
          h("h3", {}, "Charts"),
          figure,
        );
        if (place.isConnected) announce(`${found.title}, ${found.period.name}`); // not once the person left the desk
        try {
          const drawn = await getAs(path, "image/svg+xml");
          if (!mine()) return;
          chart = URL.createObjectURL(drawn);
          fill(figure,
            h("img", { src: chart, alt: `Bar charts: ${found.title}, ${found.period.name}. The tables above hold the same figures.` }),
            h("figcaption", { class: "muted" }, "Drawn by the API (pygal); shown as an image, so nothing in it runs."));
        } catch (error) {
          fill(figure, failure(error));
        }
      } catch (error) {
        if (mine()) fill(place, failure(error));
      }
    };
    picker.addEventListener("submit", (event) => {
      event.preventDefault();
      show();
    });
    view.show(`Reports · ${view.claims.org}`, picker, place);
    show();
  },
};
