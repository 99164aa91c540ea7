// Files downloaded from the browser: the API's `/v1/files/{id}/content` answers 303 to a
// presigned URL on the evidence bucket, which the browser follows (the bucket's CORS names the
// console's origin); the bytes are checked here against the SHA-256 the file was declared with
// before they are offered to be saved, so that what the person opens is what the agency served.

import { get, fileBytes } from "./api.js";
import { h, fill, announce, failure } from "./dom.js";
import { sha256Hex } from "./upload.js";

/** Saves `bytes` as `name` through a link to a `blob:` URL of this origin, then forgets it. The
 * blob is typed as bytes, whatever the uploader declared: an HTML "document" is never a page of
 * the console's origin, even for the minute its URL lives. */
function save(bytes, name) {
  const url = URL.createObjectURL(new Blob([bytes], { type: "application/octet-stream" }));
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A button that downloads the file `fileId` (`label` says which), checks it, and saves it. */
export function fileDownload(fileId, label) {
  const status = h("div", { role: "status" });
  const button = h("button", { type: "button", dataset: { key: `download-${fileId}` } }, label);
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const file = await get(`/v1/files/${encodeURIComponent(fileId)}`);
      fill(status, `Downloading ${file.name} (${file.size} bytes)…`);
      const bytes = await fileBytes(`/v1/files/${encodeURIComponent(fileId)}/content`);
      const sha256 = await sha256Hex(bytes);
      if (sha256 !== file.sha256) {
        throw new Error(`${file.name} did not arrive as declared (SHA-256 ${sha256.slice(0, 16)}…, declared ${file.sha256.slice(0, 16)}…): not saved`);
      }
      save(bytes, file.name);
      fill(status, `${file.name}: ${file.size} bytes, SHA-256 ${sha256.slice(0, 16)}… as declared; saved`);
      announce(`Downloaded ${file.name}, checked`);
    } catch (error) {
      fill(status, failure(error));
    }
    button.disabled = false;
  });
  return h("div", { class: "stack" }, button, status);
}
