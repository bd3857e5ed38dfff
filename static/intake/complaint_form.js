// The complaint form works without this file; it only makes the location
// search live and moves focus to the error summary.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.getElementById("error-summary");
  if (summary) summary.focus();

  const search = document.getElementById("id_q");
  const button = document.getElementById("location-search-button");
  if (!search || !button || !window.htmx) return;
  const runSearch = (event) => {
    event.preventDefault();
    htmx.trigger(search, "search");
  };
  button.addEventListener("click", runSearch);
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter") runSearch(event);
  });
});
