/* Copy buttons on the WeChat export page. Without this file every field is still
   there to select and copy by hand, so the buttons stay hidden until it runs.
   "Copy the article" puts the formatted HTML on the clipboard, which is what the
   WeChat editor keeps when pasting; the other buttons copy plain text. */
(function () {
  "use strict";
  var page = document.querySelector(".wechat-export");
  if (!page || !navigator.clipboard) {
    return;
  }
  var status = page.querySelector(".wechat-export__status");

  function copyText(text) {
    return navigator.clipboard.writeText(text);
  }

  function copyHtml(html) {
    if (!window.ClipboardItem || !navigator.clipboard.write) {
      return Promise.reject(new Error("rich copy unsupported"));
    }
    // For a plain-text paste: one paragraph a line, with a blank line between.
    var parsed = new DOMParser().parseFromString(html, "text/html");
    var text = Array.prototype.map
      .call(parsed.querySelectorAll("p, h2"), function (paragraph) {
        return paragraph.textContent;
      })
      .join("\n\n");
    return navigator.clipboard.write([
      new ClipboardItem({
        "text/html": new Blob([html], { type: "text/html" }),
        "text/plain": new Blob([text], { type: "text/plain" }),
      }),
    ]);
  }

  page.querySelectorAll("[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.dataset.copy);
    if (!source) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var copied = button.dataset.format === "html" ? copyHtml(source.value) : copyText(source.value);
      copied.then(
        function () {
          status.textContent = button.dataset.copied;
        },
        function () {
          var details = source.closest("details");
          if (details) {
            details.open = true;
          }
          source.focus();
          source.select();
          status.textContent = page.dataset.copyFailed;
        }
      );
    });
  });
})();
