// Productions uploaded from the browser: the file's SHA-256 computed here, before anything is
// sent; the file declared to the request (`POST …/files`), its bytes sent straight to the
// evidence bucket with the presigned PUT the API answers (progress shown), then the API's
// check of what arrived, awaited: available, or rejected with the reason.

import { get, post } from "./api.js";
import { h, fill, announce, failure } from "./dom.js";

/** The uploads of each request, in this page's memory: the answer names them. */
const uploaded = new Map();

export function uploadsOf(requestId) {
  return uploaded.get(requestId) || [];
}

async function sha256Hex(file) {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
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

/** The upload form of the request at `path` (`requestId`); `changed()` after each upload. */
export function productionUpload(path, requestId, changed) {
  const input = h("input", { type: "file", id: `production-${requestId}`, name: "production" });
  const progress = h("progress", { max: 1, value: 0, "aria-label": "Upload progress" });
  const status = h("div", { role: "status" });
  const list = h("ul", { class: "plain" });
  const draw = () => fill(list, uploadsOf(requestId).map((file) => h("li", {},
    `${file.name} (${file.size} bytes, SHA-256 ${file.sha256.slice(0, 16)}…): ${file.status.replaceAll("_", " ")}`,
    file.rejected_because ? ` — ${file.rejected_because}` : "")));
  draw();
  const node = h("form", { class: "stack", "aria-label": "Upload a production file" },
    h("label", { for: input.id }, "Production file (hashed in your browser before it is sent)"),
    input, h("div", {}, h("button", { type: "submit" }, "Upload")), progress, status, list);
  node.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = input.files[0];
    if (!file) { fill(status, "Choose a file first."); return; }
    const button = node.querySelector("button");
    button.disabled = true;
    progress.value = 0;
    try {
      fill(status, `Computing the SHA-256 of ${file.name}…`);
      const sha256 = await sha256Hex(file);
      const declared = await post(`${path}/files`, {
        name: file.name, media_type: file.type || "application/octet-stream", size: file.size, sha256,
      });
      fill(status, `Sending ${file.name}…`);
      await put(declared.upload, file, progress);
      fill(status, `Sent; the API checks what arrived against SHA-256 ${sha256.slice(0, 16)}…`);
      const found = await checked(declared.file.file_id);
      uploaded.set(requestId, [...uploadsOf(requestId), found]);
      fill(status, `${file.name}: ${found.status.replaceAll("_", " ")}`);
      announce(`${file.name} ${found.status === "available" ? "uploaded and checked" : "was rejected"}`);
      draw();
      input.value = "";
      changed();
    } catch (error) {
      fill(status, failure(error));
    }
    button.disabled = false;
  });
  return node;
}
