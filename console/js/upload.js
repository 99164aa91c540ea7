// Files uploaded from the browser: the file's SHA-256 computed here, before anything is sent;
// the file declared where it belongs (`POST …/files`: a case's evidence, a request's production),
// its bytes sent straight to the evidence bucket with the presigned PUT the API answers (progress
// shown), then the API's check of what arrived, awaited: available, or rejected with the reason.

import { get, post } from "./api.js";
import { h, fill, announce, failure } from "./dom.js";

/** The SHA-256 of `bytes` (an `ArrayBuffer`), in hex: what a file is declared and checked with. */
export async function sha256Hex(bytes) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** The uploads of each request, in this page's memory: the answer names them. */
const uploaded = new Map();

export function uploadsOf(requestId) {
  return uploaded.get(requestId) || [];
}

function put(upload, file, progress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(upload.method || "PUT", upload.url);
    for (const [name, value] of Object.entries(upload.headers || {})) {
      if (name.toLowerCase() !== "content-length") request.setRequestHeader(name, value); // the browser's own
    }
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) progress.value = event.loaded / event.total;
    });
    request.addEventListener("load", () => (request.status < 300 ? resolve() : reject(new Error(`the upload was refused: ${request.status}`))));
    request.addEventListener("error", () => reject(new Error("the upload failed")));
    request.send(file);
  });
}

async function checked(fileId) {
  for (let attempt = 0; attempt < 60; attempt += 1) {
    const found = await get(`/v1/files/${encodeURIComponent(fileId)}`);
    if (found.status !== "pending_upload") return found;
    await new Promise((resolve) => { setTimeout(resolve, 1000); });
  }
  throw new Error("the check of the upload did not finish; look again later");
}

/**
 * An upload form for the files under `path` (`POST {path}/files`): `label` names the file input,
 * `name` the form; `fields` are more of the declaration (a description, a purpose), sent when
 * filled; `changed(file)` is told of each file the API has checked.
 */
export function fileUpload(path, { label, name, fields = [], changed = () => {} }) {
  const input = h("input", { type: "file", id: `upload-${Math.random().toString(36).slice(2, 8)}`, name: "file" });
  const progress = h("progress", { max: 1, value: 0, "aria-label": "Upload progress" });
  const status = h("div", { role: "status" });
  const node = h("form", { class: "stack", "aria-label": name },
    h("label", { for: input.id }, label), input, fields,
    h("div", {}, h("button", { type: "submit" }, "Upload")), progress, status);
  node.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = input.files[0];
    if (!file) { fill(status, "Choose a file first."); return; }
    const button = node.querySelector("button[type=submit]");
    button.disabled = true;
    progress.value = 0;
    try {
      const more = Object.fromEntries([...new FormData(node)].filter(([key, value]) => key !== "file" && value !== ""));
      fill(status, `Computing the SHA-256 of ${file.name}…`);
      const sha256 = await sha256Hex(await file.arrayBuffer());
      const declared = await post(`${path}/files`, {
        name: file.name, media_type: file.type || "application/octet-stream", size: file.size, sha256, ...more,
      });
      fill(status, `Sending ${file.name}…`);
      await put(declared.upload, file, progress);
      fill(status, `Sent; the API checks what arrived against SHA-256 ${sha256.slice(0, 16)}…`);
      const found = await checked(declared.file.file_id);
      fill(status, `${file.name}: ${found.status.replaceAll("_", " ")}`, found.rejected_because ? ` — ${found.rejected_because}` : "");
      announce(`${file.name} ${found.status === "available" ? "uploaded and checked" : "was rejected"}`);
      node.reset();
      changed(found);
    } catch (error) {
      fill(status, failure(error));
    }
    button.disabled = false;
  });
  return node;
}

/** The upload form of the request at `path` (`requestId`), with the files uploaded to it so far. */
export function productionUpload(path, requestId, changed) {
  const list = h("ul", { class: "plain" });
  const draw = () => fill(list, uploadsOf(requestId).map((file) => h("li", {},
    `${file.name} (${file.size} bytes, SHA-256 ${file.sha256.slice(0, 16)}…): ${file.status.replaceAll("_", " ")}`,
    file.rejected_because ? ` — ${file.rejected_because}` : "")));
  draw();
  const form = fileUpload(path, {
    label: "Production file (hashed in your browser before it is sent)",
    name: "Upload a production file",
    changed: (found) => {
      uploaded.set(requestId, [...uploadsOf(requestId), found]);
      draw();
      changed();
    },
  });
  return h("div", { class: "stack" }, form, list);
}
