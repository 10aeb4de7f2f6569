// Copy buttons beside share links: the Clipboard API where the page may use it,
// otherwise the link is selected for the person to copy themselves.
(function () {
  "use strict";

  function say(button, text) {
    var status = button.parentNode.querySelector(".share-copy-status");
    if (status) {
      status.textContent = text;
    }
  }

  function selectField(field, button) {
    field.focus();
    field.select();
    say(button, button.dataset.select);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-copy]");
    if (!button) {
      return;
    }
    var field = document.getElementById(button.dataset.copy);
    if (!field) {
      return;
    }
    if (!navigator.clipboard || !window.isSecureContext) {
      selectField(field, button);
      return;
    }
    navigator.clipboard.writeText(field.value).then(
      function () {
        say(button, button.dataset.copied);
      },
      function () {
        selectField(field, button);
      }
    );
  });
})();
