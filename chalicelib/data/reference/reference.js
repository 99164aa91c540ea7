// casebridge API reference: Swagger UI on the document this API serves.
// A file of its own, not an inline script: the page's Content-Security-Policy allows no inline code.
// The document's address is relative to the page (/docs -> /v1/openapi.json), so that the same
// page works under an API Gateway stage's prefix (/v1/docs -> /v1/v1/openapi.json).
"use strict";

window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    // The bundle's own presets only: the standalone preset's top bar loads any URL typed
    // into it, and its logo carries an inline <style> the policy refuses.
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    // No call to the public validator: the policy allows connections to this API only.
    validatorUrl: null,
    // ?url= and ?configUrl= in the page's address are ignored: the page shows this API's document, nothing else.
    queryConfigEnabled: false,
    persistAuthorization: false,
    tryItOutEnabled: false,
  });
});
