/* The import page works without this file; it only helps an editor keep track.
   It outlines a pair whose text was typed in, and warns before leaving the page
   (by a link or closing the tab) with typed edits that no button has sent yet. */
(function () {
  "use strict";
  var form = document.querySelector(".import-form");
  if (!form) {
    return;
  }
  var unsent = false;
  form.addEventListener("input", function (event) {
    var row = event.target.closest(".import-pair");
    if (row) {
      row.classList.add("import-pair--changed");
      unsent = true;
    }
  });
  form.addEventListener("submit", function () {
    unsent = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (unsent) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
