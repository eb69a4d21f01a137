// Starts Swagger UI on Caja's OpenAPI document. It is a file of its own
// because the page's Content-Security-Policy allows no inline script.
"use strict";
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: true,
    docExpansion: "list",
    defaultModelsExpandDepth: 1,
    displayRequestDuration: true,
    filter: true,
    // Never send the document to the public validator (nothing leaves this
    // origin), and keep tokens typed into "Authorize" out of localStorage.
    validatorUrl: null,
    persistAuthorization: false,
  });
});
