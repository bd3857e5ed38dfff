// A suggested category is only put in the category field when the coordinator clicks it.
document.querySelectorAll(".triage-suggestions").forEach((box) => {
  const select = document.getElementById(box.dataset.target);
  if (!select) return;
  box.querySelectorAll(".triage-pick").forEach((button) => {
    button.addEventListener("click", () => {
      select.value = button.dataset.category;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      select.focus();
    });
  });
});
