/* The pair editor: CKEditor 5 with only the plugins a pair's text needs (bold,
   italic, links; pasting from Word; an English word count). Built by esbuild into
   ../static/ckeditor5/ (see ../README.md and README.md here). It starts an editor
   on every textarea that django-ckeditor-5's widget renders, reading that widget's
   configuration (settings.CKEDITOR_5_CONFIGS) from the JSON script beside it, and
   on every pair row the admin adds later. Everything is loaded from files, so the
   site's strict Content-Security-Policy holds. */
import {
  Autoformat,
  Bold,
  ClassicEditor,
  Essentials,
  Italic,
  Link,
  Paragraph,
  PasteFromOffice,
  WordCount,
} from "ckeditor5";
import zhCn from "ckeditor5/translations/zh-cn.js";
import "ckeditor5/ckeditor5.css";
import "./editor.css";

const PLUGINS = [Essentials, Paragraph, Bold, Italic, Link, Autoformat, PasteFromOffice, WordCount];
// The editor's own buttons and counts speak the admin's language; the text it edits
// keeps the language its field is in (settings.CKEDITOR_5_CONFIGS).
const UI_LANGUAGE = document.documentElement.lang.toLowerCase().startsWith("zh") ? "zh-cn" : "en";

function start(textarea) {
  // The admin's hidden template row ("__prefix__") is cloned, never edited itself.
  if (textarea.id.includes("__prefix__") || textarea.dataset.processed === "1") return;
  textarea.dataset.processed = "1";
  const scriptId = `${textarea.id}_script`;
  const config = JSON.parse(document.getElementById(scriptId).textContent);
  ClassicEditor.create(textarea, {
    ...config,
    language: { ...config.language, ui: UI_LANGUAGE },
    translations: [zhCn],
    plugins: PLUGINS,
    // CKEditor 5 (v44 on) asks every build for a key; this one is used under the GPL.
    licenseKey: "GPL",
  })
    .then((editor) => {
      // The form posts the textarea, so it follows every change, not only submit.
      editor.model.document.on("change:data", () => {
        textarea.value = editor.getData();
      });
      const count = document.getElementById(`${scriptId}-word-count`);
      if (count) count.replaceChildren(editor.plugins.get("WordCount").wordCountContainer);
      if (textarea.hasAttribute("disabled")) editor.enableReadOnlyMode("disabled-field");
    })
    .catch((error) => console.error(error));
}

function startWithin(node) {
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  const found = node.matches(".django_ckeditor_5") ? [node] : node.querySelectorAll(".django_ckeditor_5");
  found.forEach(start);
}

document.addEventListener("DOMContentLoaded", () => {
  startWithin(document.body);
  // "Add another pair" inserts a row; start its two editors.
  new MutationObserver((mutations) => {
    mutations.forEach((mutation) => mutation.addedNodes.forEach(startWithin));
  }).observe(document.body, { childList: true, subtree: true });
});
