/* The preview panel (admin/articles/article/preview_panel.html) and its link.

   On the article's change page, the Preview link carries the article and the
   version just loaded; the page tells any open preview panel of that article, which
   reloads its frame when that version is not the one it shows (a save). The panel
   also reloads when its tab comes back into view, and switches mode and width in
   place: its links work without this script, by loading the panel again. */
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const link = document.getElementById("preview-link");
  const panel = document.getElementById("preview-panel");
  if (!link && !panel) return;
  const channel = "BroadcastChannel" in window ? new BroadcastChannel("newsroom-preview") : null;
  if (link && channel) {
    channel.postMessage({ article: link.dataset.article, version: link.dataset.version });
  }
  if (!panel) return;
  const frame = document.getElementById("preview-frame");
  const chosen = new URL(window.location.href).searchParams;
  const state = { mode: chosen.get("mode") || "dual", width: chosen.get("width") || "laptop" };

  function shownVersion() {
    const banner = frame.contentDocument && frame.contentDocument.querySelector(".preview-banner");
    return banner ? banner.dataset.version : null;
  }

  function show() {
    const source = new URL(frame.src);
    if (source.searchParams.get("mode") !== state.mode) {
      source.searchParams.set("mode", state.mode);
      frame.src = source.href;
    }
    frame.className = `preview-frame preview-frame--${state.width}`;
    panel.querySelectorAll("a[data-mode], a[data-width], #preview-reload").forEach((a) => {
      const address = new URL(a.href);
      address.searchParams.set("mode", state.mode);
      address.searchParams.set("width", state.width);
      a.href = address.href;
    });
    panel.querySelectorAll("a[data-mode], a[data-width]").forEach((a) => {
      const current = a.dataset.mode
        ? a.dataset.mode === state.mode
        : a.dataset.width === state.width;
      if (current) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    });
    window.history.replaceState(null, "", `?mode=${state.mode}&width=${state.width}`);
  }

  panel.addEventListener("click", (event) => {
    const choice = event.target.closest("a[data-mode], a[data-width], #preview-reload");
    if (!choice) return;
    event.preventDefault();
    if (choice.id === "preview-reload") frame.contentWindow.location.reload();
    if (choice.dataset.mode) state.mode = choice.dataset.mode;
    if (choice.dataset.width) state.width = choice.dataset.width;
    show();
  });

  // A link in the preview opens beside the panel: other pages refuse to be framed.
  function retarget() {
    frame.contentDocument.querySelectorAll("a[href]:not([href^='#'])").forEach((a) => {
      a.target = "_blank";
    });
  }
  frame.addEventListener("load", retarget);
  if (frame.contentDocument && frame.contentDocument.readyState === "complete") retarget();

  if (channel) {
    channel.addEventListener("message", ({ data }) => {
      if (data.article === panel.dataset.article && data.version !== shownVersion()) {
        frame.contentWindow.location.reload();
      }
    });
  }
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") frame.contentWindow.location.reload();
  });
});
