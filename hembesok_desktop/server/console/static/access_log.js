// The access-log extract's print button (no inline scripts: the console's CSP is script-src 'self').
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.addEventListener("click", () => window.print());
  }
});
