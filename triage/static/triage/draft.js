// The reviewer takes the anonymised draft over into the text field, then edits it.
document.querySelectorAll(".triage-take-draft").forEach((button) => {
  button.addEventListener("click", () => {
    const field = document.getElementById(button.dataset.target);
    if (field) {
      field.value = button.dataset.text;
      field.focus();
    }
  });
});
