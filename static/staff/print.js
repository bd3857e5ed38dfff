// The dossier's print button (no inline script: the CSP allows none).
document.getElementById("print-dossier")?.addEventListener("click", () => window.print());
