// The watch floor's map: the conflicts' GeoJSON points and their radii drawn as SVG, built with
// DOM methods, on a plain longitude/latitude projection (longitude scaled by the cosine of the
// middle latitude, so a circle stays round), over a graticule. No tile server and no outline:
// the console requests nothing but its own files and the API (docs/console.md, The watch floor).

const SVG = "http://www.w3.org/2000/svg";
const METRES_PER_DEGREE = 111_320;
const WIDTH = 720;
const HEIGHT = 420;

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

/** The box the features and their circles need, with a margin; at least about 2 km across. */
function bounds(features) {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { geometry, properties } of features) {
    const [lon, lat] = geometry.coordinates;
    const dLat = (properties.radius_m || 0) / METRES_PER_DEGREE;
    const dLon = dLat / Math.cos((lat * Math.PI) / 180);
    west = Math.min(west, lon - dLon);
    east = Math.max(east, lon + dLon);
    south = Math.min(south, lat - dLat);
    north = Math.max(north, lat + dLat);
  }
  const least = 0.01;
  const grow = (low, high) => {
    const middle = (low + high) / 2;
    const half = Math.max(high - low, least) * 0.6;
    return [middle - half, middle + half];
  };
  [west, east] = grow(west, east);
  [south, north] = grow(south, north);
  return { west, south, east, north };
}

/**
 * The map of `collection` (a FeatureCollection of `GET /v1/conflicts` with
 * `Accept: application/geo+json`): an `<svg role="img">` whose name says what it shows; the list
 * beside it is the same content for those who do not see the map.
 */
export function conflictMap(collection, label) {
  const features = collection.features || [];
  const box = bounds(features);
  const middle = ((box.south + box.north) / 2) * (Math.PI / 180);
  const spanX = (box.east - box.west) * Math.cos(middle);
  const spanY = box.north - box.south;
  const scale = Math.min(WIDTH / spanX, HEIGHT / spanY);
  const x = (lon) => (WIDTH - spanX * scale) / 2 + (lon - box.west) * Math.cos(middle) * scale;
  const y = (lat) => (HEIGHT - spanY * scale) / 2 + (box.north - lat) * scale;
  const map = svg("svg", {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "map", role: "img", "aria-label": label,
  }, svg("title", {}, label));
  map.append(graticule(box, x, y));
  features.forEach((feature, index) => {
    const [lon, lat] = feature.geometry.coordinates;
    const p = feature.properties;
    const radius = ((p.radius_m || 0) / METRES_PER_DEGREE) * scale;
    const tone = p.side === "first" ? "first" : "second";
    map.append(svg(
      "g",
      { class: `site ${tone} state-${p.state}`, "data-conflict": p.conflict_id },
      svg("title", {}, `${p.org} ${String(p.kind).replaceAll("_", " ")}, ${p.radius_m} m, from ${p.starts_at} (${p.state})`),
      svg("circle", { cx: x(lon), cy: y(lat), r: Math.max(radius, 4), class: "area" }),
      svg("circle", { cx: x(lon), cy: y(lat), r: 3, class: "point" }),
      svg("text", { x: x(lon) + 6, y: y(lat) - 6 - (index % 2) * 14, class: "label" }, p.org),
    ));
  });
  if (!features.length) map.append(svg("text", { x: WIDTH / 2, y: HEIGHT / 2, "text-anchor": "middle", class: "label" }, "No conflict to show"));
  return map;
}

/** Lines every round step of longitude and latitude, labelled, so that a place can be read off. */
function graticule(box, x, y) {
  const group = svg("g", { class: "graticule", "aria-hidden": "true" });
  const step = niceStep(Math.max(box.east - box.west, box.north - box.south) / 4);
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  for (let lon = Math.ceil(box.west / step) * step; lon <= box.east; lon += step) {
    group.append(svg("line", { x1: x(lon), x2: x(lon), y1: 0, y2: HEIGHT }));
    group.append(svg("text", { x: x(lon) + 2, y: HEIGHT - 4 }, `${lon.toFixed(digits)}°`));
  }
  for (let lat = Math.ceil(box.south / step) * step; lat <= box.north; lat += step) {
    group.append(svg("line", { x1: 0, x2: WIDTH, y1: y(lat), y2: y(lat) }));
    group.append(svg("text", { x: 4, y: y(lat) - 2 }, `${lat.toFixed(digits)}°`));
  }
  return group;
}

function niceStep(rough) {
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((n) => n * power).find((n) => n >= rough) || power * 10;
}
