/* Move-up / move-down buttons for the pairs inline. Moving a row renumbers every
   row's position field in page order; the server stores the body in that order.
   Without JavaScript the position numbers still work. */
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const group = document.getElementById("blocks-group");
  if (!group) return;

  function rows() {
    return [...group.querySelectorAll("tbody tr.form-row:not(.empty-form)")];
  }

  function renumber() {
    rows().forEach((row, index) => {
      const input = row.querySelector("td.field-position input");
      if (input) input.value = index + 1;
    });
  }

  function addButtons(row) {
    const cell = row.querySelector("td.field-position");
    const input = cell && cell.querySelector("input");
    if (!input || cell.querySelector(".pair-move")) return;
    const labels = input.dataset;
    [["up", "↑", labels.moveUp], ["down", "↓", labels.moveDown]].forEach(
      ([direction, arrow, label]) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = `pair-move pair-move--${direction}`;
        button.textContent = arrow;
        button.setAttribute("aria-label", label || direction);
        button.addEventListener("click", () => {
          const list = rows();
          const index = list.indexOf(row);
          const target = direction === "up" ? list[index - 1] : list[index + 1];
          if (!target) return;
          if (direction === "up") target.before(row);
          else target.after(row);
          renumber();
          button.focus();
        });
        cell.appendChild(button);
      }
    );
  }

  rows().forEach(addButtons);
  document.addEventListener("formset:added", (event) => {
    if (event.target.closest("#blocks-group")) {
      addButtons(event.target);
      renumber();
    }
  });
});
