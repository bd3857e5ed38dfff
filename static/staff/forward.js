// Triage: show only the handler field that belongs to the chosen kind
// (a location or a department). Without JavaScript both stay visible.
document.addEventListener("DOMContentLoaded", () => {
  const radios = document.querySelectorAll('input[name="handler_kind"]');
  const location = document.getElementById("id_handling_location")?.closest(".location-field");
  const department = document.getElementById("id_handling_department")?.closest(".mb-3");
  if (!radios.length || !location || !department) return;
  const update = () => {
    const kind = document.querySelector('input[name="handler_kind"]:checked')?.value;
    location.hidden = kind !== "location";
    department.hidden = kind !== "department";
  };
  radios.forEach((radio) => radio.addEventListener("change", update));
  update();
});
