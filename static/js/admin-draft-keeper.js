/* The draft keeper: an editor's unsaved text survives an ended session.

   As the editor types, the article's text fields are copied to this browser's
   localStorage under a key per article and version. When the change page opens
   with kept text that differs from the page, a banner offers it back: to restore
   when it was written on this version, to copy from when someone has saved since
   (never written over their text). The page after a save of that version by this
   editor clears it. A second banner warns a few minutes before the session ends,
   with a button that restarts the idle period.
   Everything the script needs, strings included, is on #draft-keeper's data. */
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const keeper = document.getElementById("draft-keeper");
  const form = keeper && keeper.closest("form");
  if (!form) return;
  const data = keeper.dataset;
  const version = Number(data.version);
  const prefix = `newsroom-draft:${data.article}:`;
  const WAIT_MS = 400;
  const WARN_MS = 5 * 60 * 1000;

  // What the editor writes: text inputs and text areas, not the form's bookkeeping
  // (CSRF token, formset counts and the opened version are hidden inputs).
  function fields() {
    return [...form.querySelectorAll("input[type=text], textarea")].filter(
      (field) =>
        field.name && !field.name.includes("__prefix__") && !field.disabled
    );
  }
  const values = () => Object.fromEntries(fields().map((f) => [f.name, f.value]));
  const opened = values();

  function differs(kept, page) {
    return Object.entries(kept).some(([name, value]) =>
      name in page ? page[name] !== value : value.trim() !== ""
    );
  }

  // Set once the form is sent, so the page after a save can tell it went; set
  // while a banner offers this version's kept text, so a stray click leaves it.
  let submitted = false;
  let offering = false;

  function read(key) {
    try {
      return JSON.parse(localStorage.getItem(key));
    } catch {
      return null;
    }
  }

  // Only what the editor changed is kept, so an older version's text offers
  // their own words, not a colleague's since. A field kept earlier and shown
  // unchanged here (a form sent back with errors) stays kept until it is saved.
  function keep() {
    const key = prefix + version;
    const now = values();
    const earlier = (read(key) || {}).fields || {};
    const changed = {};
    for (const name of new Set([...Object.keys(now), ...Object.keys(earlier)])) {
      if (name in now && now[name] !== opened[name]) changed[name] = now[name];
      else if (earlier[name] === opened[name]) changed[name] = earlier[name];
    }
    if (!Object.keys(changed).length) {
      if (!offering) localStorage.removeItem(key);
      return;
    }
    const draft = { version, at: Date.now(), submitted, fields: changed };
    try {
      localStorage.setItem(key, JSON.stringify(draft));
    } catch {
      // Storage full or refused: the page itself still works.
    }
  }

  let pending;
  const soon = () => {
    clearTimeout(pending);
    pending = setTimeout(keep, WAIT_MS);
  };
  // CKEditor copies its text into the text area on every change; these events
  // cover typing, pasting and its toolbar without reaching into the editor.
  ["input", "keyup", "change", "paste", "cut", "drop", "click"].forEach((type) =>
    form.addEventListener(type, soon, true)
  );
  form.addEventListener("submit", () => {
    submitted = true;
    keep();
  });
  window.addEventListener("pagehide", keep);

  function when(time) {
    return new Date(time).toLocaleString(document.documentElement.lang || [], {
      dateStyle: "medium",
      timeStyle: "short",
    });
  }

  function banner(kind, text) {
    const box = document.createElement("div");
    box.className = `draft-keeper__banner draft-keeper__banner--${kind}`;
    box.setAttribute("role", "status");
    const line = document.createElement("p");
    line.textContent = text;
    box.append(line);
    keeper.append(box);
    return box;
  }

  function button(box, label, action) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "button";
    element.textContent = label;
    element.addEventListener("click", action);
    box.append(element);
  }

  function editorOf(field) {
    const editable = field.parentElement.querySelector(".ck-editor__editable");
    return (editable && editable.ckeditorInstance) || (window.editors || {})[field.id];
  }

  function restore(draft) {
    for (const [name, value] of Object.entries(draft.fields)) {
      const field = form.elements.namedItem(name);
      if (!field || field.value === value) continue;
      const editor = editorOf(field);
      if (editor) editor.setData(value);
      else field.value = value;
    }
  }

  // A field's name as the page shows it: its label, or its column and row.
  function labelOf(field) {
    const label = form.querySelector(`label[for="${field.id}"]`);
    if (label) return label.textContent.replace(/:$/, "");
    const cell = field.closest("td");
    const column = cell && [...cell.classList].find((c) => c.startsWith("field-"));
    const heading =
      column && cell.closest("table").querySelector(`th.column-${column.slice(6)}`);
    const row = field.closest("tr");
    const rows = row ? [...row.parentElement.children] : [];
    return heading
      ? `${heading.textContent.trim()} ${rows.indexOf(row) + 1}`
      : field.name;
  }

  function plain(html) {
    const body = new DOMParser().parseFromString(html, "text/html").body;
    const blocks = [...body.children];
    return blocks.length
      ? blocks.map((block) => block.textContent).join("\n\n")
      : body.textContent;
  }

  function offerCopy(key, draft) {
    const box = banner(
      "older",
      data.unsavedOlder
        .replace("{time}", when(draft.at))
        .replace("{version}", draft.version)
    );
    for (const [name, value] of Object.entries(draft.fields)) {
      if (!value.trim()) continue;
      const field = form.elements.namedItem(name);
      const copy = document.createElement("label");
      copy.className = "draft-keeper__copy";
      copy.textContent = field ? labelOf(field) : name;
      const text = document.createElement("textarea");
      text.readOnly = true;
      text.rows = 3;
      text.value = plain(value);
      copy.append(text);
      box.append(copy);
    }
    button(box, data.discard, () => {
      localStorage.removeItem(key);
      box.remove();
    });
  }

  function offerRestore(key, draft) {
    const box = banner("unsaved", data.unsaved.replace("{time}", when(draft.at)));
    offering = true;
    button(box, data.restore, () => {
      offering = false;
      restore(draft);
      box.remove();
    });
    button(box, data.discard, () => {
      offering = false;
      localStorage.removeItem(key);
      box.remove();
    });
  }

  function offer(key, draft) {
    if (!draft || draft.version > version) return;
    if (!differs(draft.fields, opened)) {
      if (draft.version < version) localStorage.removeItem(key);
    } else if (draft.version === version) {
      offerRestore(key, draft);
    } else if (draft.submitted && data.savedByMe) {
      // The page after this editor's own save of that version: it went through.
      localStorage.removeItem(key);
    } else {
      offerCopy(key, draft);
    }
  }

  Object.keys(localStorage)
    .filter((key) => key.startsWith(prefix))
    .forEach((key) => offer(key, read(key)));

  // The session: a warning a few minutes before it ends, and a way to stay.
  let ends = Number(data.sessionEnds);
  let warning;
  let timer;

  function ended() {
    if (warning) warning.remove();
    warning = banner("session", data.ended);
  }

  async function stay() {
    const token = form.querySelector("[name=csrfmiddlewaretoken]").value;
    let answer;
    try {
      answer = await fetch(data.keepAlive, {
        method: "POST",
        headers: { "X-CSRFToken": token },
        credentials: "same-origin",
      });
    } catch {
      return;
    }
    if (!answer.ok || answer.redirected) {
      ended();
      return;
    }
    ends = (await answer.json()).ends;
    warning.remove();
    warning = null;
    schedule();
  }

  function warn() {
    if (Date.now() >= ends) {
      ended();
      return;
    }
    const time = new Date(ends).toLocaleTimeString(
      document.documentElement.lang || [],
      { timeStyle: "short" }
    );
    warning = banner("session", data.ending.replace("{time}", time));
    button(warning, data.stay, stay);
    timer = setTimeout(ended, ends - Date.now());
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(warn, Math.max(0, ends - WARN_MS - Date.now()));
  }
  schedule();
});
