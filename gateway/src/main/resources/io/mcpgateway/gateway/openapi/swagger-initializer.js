// Starts Swagger UI on the gateway's own OpenAPI document. A file rather than an inline script, so that the page's
// Content-Security-Policy can refuse every inline script.
window.addEventListener("load", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.specUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    // "Try it out" is open on every operation; Authorize takes the bearer token.
    tryItOutEnabled: true,
    displayRequestDuration: true,
    // The token stays in this page's memory, not in localStorage.
    persistAuthorization: false,
    // No badge from the public validator: the page talks to this gateway only.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout"
  });
});
