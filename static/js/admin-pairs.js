/* The pairs inline (admin/articles/article/pair_inline.html).

   Move-up / move-down buttons: moving a row renumbers every row's position field in
   page order; the server stores the body in that order. Without JavaScript the
   position numbers still work.

   Keys, as the page lists them: Alt+↓ / Alt+↑ go to the next / previous pair, on
   the same side; Alt+Shift+→ / Alt+Shift+← go to the Chinese / English side of the
   pair. Alt+← alone is the browser's Back, and CKEditor binds no Alt+arrow. Not in
   a list box, where Alt+↓ opens the list. */
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

  // The place to type one side of a pair: its editor, or the plain text area
  // while the editor has not started.
  function sideOf(row, side) {
    const cell = row.querySelector(`td.field-text_${side}`);
    return cell && (cell.querySelector(".ck-editor__editable") || cell.querySelector("textarea"));
  }

  const SIDES = { ArrowRight: "zh_hans", ArrowLeft: "en" };
  const STEPS = { ArrowDown: 1, ArrowUp: -1 };

  group.addEventListener(
    "keydown",
    (event) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.target.closest("select")) return;
      const row = event.target.closest("tr.form-row");
      if (!row) return;
      let target;
      if (event.shiftKey && event.key in SIDES) {
        target = sideOf(row, SIDES[event.key]);
      } else if (!event.shiftKey && event.key in STEPS) {
        const list = rows();
        const next = list[list.indexOf(row) + STEPS[event.key]];
        const side = event.target.closest("td.field-text_zh_hans") ? "zh_hans" : "en";
        target = next && sideOf(next, side);
      } else {
        return;
      }
      // Before CKEditor sees the key: it is ours, even at the first or last pair.
      event.preventDefault();
      event.stopPropagation();
      if (target) target.focus();
    },
    true
  );

  // A headline is one line, shown wrapped: Enter adds no line break.
  document.querySelectorAll("textarea.headline").forEach((headline) => {
    headline.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault();
    });
  });

  // Text areas grow with their text (css/admin-pairs.css) where the browser
  // cannot size a field to its content.
  if (!CSS.supports("field-sizing", "content")) {
    const grow = (area) => {
      area.style.height = "auto";
      area.style.height = `${area.scrollHeight + 2}px`;
    };
    const areas = document.querySelectorAll(".model-article fieldset textarea");
    areas.forEach((area) => {
      grow(area);
      area.addEventListener("input", () => grow(area));
    });
  }

  rows().forEach(addButtons);
  document.addEventListener("formset:added", (event) => {
    if (event.target.closest("#blocks-group")) {
      addButtons(event.target);
      renumber();
    }
  });
});
