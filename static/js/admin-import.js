/* The import page's fixes, made in the page.

   The page works without this file: each fix button posts the whole proposal and
   the server (articles/importing/proposal.py) answers with the edited proposal.
   This script makes the same edits on the form's rows where they are, so a fix
   is instant, and "Create draft" (or any later round trip) sends exactly what the
   server would have made: the same text, hidden line numbers, confidence and
   reason, under the same formset field names. Findings follow their lines as the
   server would place them. Focus stays where a keyboard user can go on, and each
   fix is announced in the page's status line.

   It also outlines the pairs changed since the page came, and warns before
   leaving it with changes no button has sent. Classes only, never a style
   attribute: the site's Content-Security-Policy allows no inline style. */
(function () {
  "use strict";

  const form = document.querySelector(".import-form");
  const table = form && form.querySelector(".import-pairs");
  // The first step (paste or upload) has no proposal yet: nothing to fix.
  if (!table) {
    return;
  }
  // The formset's prefix in articles/admin/importing.py.
  const PREFIX = "pair";
  // proposal.EDITED: the reason of a pair the editor changed.
  const EDITED = "edited by hand";
  // proposal._PAIRING_KINDS: the parser's pairing decisions, void after any fix.
  const PAIRING_KINDS = ["paired", "unpaired"];
  // Python's str.strip whitespace and str.splitlines breaks, to cut text alike.
  const SPACE =
    "[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a" +
    "\\u2028\\u2029\\u202f\\u205f\\u3000]+";
  const EDGES = new RegExp("^" + SPACE + "|" + SPACE + "$", "g");
  const LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;
  // The findings the server placed: beside a pair or in the general list.
  const FINDINGS =
    ".import-pair .finding[data-line], #import-general-findings .finding[data-line]";

  let unsent = false;
  let findings = null;
  // The source lines in a pair when the page came: a line that leaves them all
  // (marked as junk) takes its findings with it (proposal.forget_gone_lines).
  let pageLines = null;

  const strip = (text) => text.replace(EDGES, "");
  // proposal._join: both texts stripped, the empty ones left out.
  const join = (first, second, glue) =>
    [strip(first), strip(second)].filter(Boolean).join(glue);
  const nonBlankLines = (text) =>
    text.split(LINE_BREAK).map(strip).filter(Boolean);
  // Python's `line or other` over the hidden line numbers ("" is None).
  const lineOr = (line, other) => (Number(line) ? line : other);

  /* The row's form fields by their name inside the form: en, zh_hans, kind… */
  function fields(row) {
    const found = {};
    for (const element of row.querySelectorAll("[name^='" + PREFIX + "-']")) {
      found[element.name.replace(/^[^-]+-\d+-/, "")] = element;
    }
    return found;
  }

  function read(row) {
    const values = {};
    const all = fields(row);
    for (const name of Object.keys(all)) {
      values[name] = all[name].value;
    }
    return values;
  }

  function write(row, values) {
    const all = fields(row);
    for (const name of Object.keys(values)) {
      all[name].value = values[name];
    }
  }

  /* proposal._edited: the pair is the editor's now, with no confidence. */
  function edited(row) {
    write(row, { confidence: "", reason: EDITED });
    row.querySelector(".confidence").textContent = table.dataset.edited;
    row.classList.add("import-pair--changed");
  }

  /* Each edit mirrors its namesake in proposal.py on the pair `row`; it returns
     whether it changed anything. */
  const EDITS = {
    swap(row) {
      const pair = read(row);
      write(row, {
        en: pair.zh_hans,
        zh_hans: pair.en,
        line_en: pair.line_zh_hans,
        line_zh_hans: pair.line_en,
      });
      edited(row);
      return true;
    },

    merge(row) {
      const next = row.nextElementSibling;
      if (!next) {
        return false;
      }
      const pair = read(row);
      const following = read(next);
      write(row, {
        en: join(pair.en, following.en, " "),
        zh_hans: join(pair.zh_hans, following.zh_hans, ""),
        line_en: lineOr(pair.line_en, following.line_en),
        line_zh_hans: lineOr(pair.line_zh_hans, following.line_zh_hans),
      });
      next.remove();
      edited(row);
      return true;
    },

    /* Split at the line breaks typed into either side; else part the sides. */
    split(row) {
      const pair = read(row);
      const english = nonBlankLines(pair.en);
      const chinese = nonBlankLines(pair.zh_hans);
      let pieces;
      if (english.length <= 1 && chinese.length <= 1) {
        if (!(english.length && chinese.length)) {
          return false;
        }
        pieces = [[english[0], ""], ["", chinese[0]]];
      } else {
        const count = Math.max(english.length, chinese.length);
        pieces = Array.from({ length: count }, (_, index) => [
          english[index] || "",
          chinese[index] || "",
        ]);
      }
      // Each side's source line goes with the first piece of that side.
      let lineEn = pair.line_en;
      let lineZh = pair.line_zh_hans;
      let piece = row;
      pieces.forEach(([en, zh], index) => {
        if (index) {
          piece.after(row.cloneNode(true));
          piece = piece.nextElementSibling;
        }
        write(piece, {
          en,
          zh_hans: zh,
          kind: pair.kind,
          line_en: en ? lineEn : "",
          line_zh_hans: zh ? lineZh : "",
        });
        lineEn = en ? "" : lineEn;
        lineZh = zh ? "" : lineZh;
        edited(piece);
      });
      return true;
    },

    junk(row) {
      row.remove();
      return true;
    },

    "move-en"(row) {
      const pair = read(row);
      write(row, {
        zh_hans: join(pair.zh_hans, pair.en, ""),
        line_zh_hans: lineOr(pair.line_zh_hans, pair.line_en),
        en: "",
        line_en: "",
      });
      edited(row);
      return true;
    },

    "move-zh"(row) {
      const pair = read(row);
      write(row, {
        en: join(pair.en, pair.zh_hans, " "),
        line_en: lineOr(pair.line_en, pair.line_zh_hans),
        zh_hans: "",
        line_zh_hans: "",
      });
      edited(row);
      return true;
    },
  };

  const rows = () => Array.from(table.tBodies[0].rows);

  /* Give every row the number, field names and button values of its place,
     as the server numbers a proposal it sends back. */
  function renumber() {
    rows().forEach((row, index) => {
      row.id = PREFIX + "-" + index;
      row.querySelector(".import-pair__number").textContent = index + 1;
      for (const element of row.querySelectorAll("[name^='" + PREFIX + "-']")) {
        element.name = element.name.replace(/^([^-]+-)\d+/, "$1" + index);
        element.id = "id_" + element.name;
      }
      for (const button of row.querySelectorAll("button[name=edit]")) {
        const action = button.value.split(":")[0];
        // The server shows the pair before a junked one; the others, the pair.
        const shown = action === "junk" ? Math.max(index - 1, 0) : index;
        button.value = action + ":" + index;
        button.setAttribute("formaction", "#" + PREFIX + "-" + shown);
      }
    });
    const count = rows().length;
    for (const total of ["TOTAL_FORMS", "INITIAL_FORMS"]) {
      form.elements[PREFIX + "-" + total].value = count;
    }
    const heading = form.querySelector(".import-count");
    // The two forms are rendered with 1 and 2; the number is put in their place.
    const words = count === 1 ? heading.dataset.one : heading.dataset.other;
    heading.textContent = words.replace(/\d+/, count);
  }

  /* Show each finding beside the pair that holds its line, else in the general
     list, in the parser's order, as the server places them. A fix replaces the
     parser's pairing, so its findings about pairing go. */
  function pairLines(row) {
    const pair = read(row);
    return [pair.line_en, pair.line_zh_hans].filter(Number).map(Number);
  }

  function placeFindings() {
    if (!findings) {
      const seen = new Set();
      findings = Array.from(form.querySelectorAll(FINDINGS))
        .filter((item) => {
          const key = item.dataset.line + "\n" + item.textContent;
          const fresh = !seen.has(key);
          seen.add(key);
          return fresh && !PAIRING_KINDS.includes(item.dataset.kind);
        })
        .map((item, order) => ({ item, order, line: Number(item.dataset.line) }))
        .sort((a, b) => a.line - b.line || a.order - b.order);
    }
    const placed = new Set();
    for (const row of rows()) {
      const lines = pairLines(row);
      lines.forEach((line) => placed.add(line));
      const own = findings.filter((finding) => lines.includes(finding.line));
      const notes = row.querySelector(".import-pair__notes");
      const old = notes.querySelector(".import-findings");
      if (old) {
        old.remove();
      }
      if (own.length) {
        const list = document.createElement("ul");
        list.className = "import-findings";
        own.forEach((finding) => list.append(finding.item.cloneNode(true)));
        notes.append(list);
      }
      row.classList.toggle(
        "import-pair--warning",
        Boolean(notes.querySelector(".finding--warning"))
      );
    }
    const general = findings.filter(
      (finding) => !placed.has(finding.line) && !pageLines.has(finding.line)
    );
    const list = document.getElementById("import-general-findings");
    list.textContent = "";
    general.forEach((finding) => list.append(finding.item.cloneNode(true)));
    list.hidden = !general.length;
  }

  /* Put the focus where the editor can go on: on the button pressed if it is
     still there to press, else on the same button of the pair now in its place,
     else on that pair's English text, else on "Create draft". */
  function refocus(button, action, place) {
    if (button.isConnected && button.getClientRects().length) {
      return;
    }
    const all = rows();
    const row = all[Math.min(place, all.length - 1)];
    const same = row && row.querySelector("button[value^='" + action + ":']");
    if (same && same.getClientRects().length) {
      same.focus();
    } else if (row) {
      fields(row).en.focus();
    } else {
      Array.from(form.querySelectorAll("input[name=create]")).pop().focus();
    }
  }

  /* Say what the fix did; a repeat is told again (a space keeps it new). */
  function announce(message) {
    const status = form.querySelector(".import-status");
    status.textContent =
      message === status.textContent ? message + "\u00a0" : message;
  }

  pageLines = new Set(rows().flatMap(pairLines));

  form.addEventListener("click", (event) => {
    const button = event.target.closest(".import-pair button[name=edit]");
    const action = button && button.value.split(":")[0];
    if (!button || !Object.prototype.hasOwnProperty.call(EDITS, action)) {
      return;
    }
    event.preventDefault();
    const row = button.closest(".import-pair");
    const place = rows().indexOf(row);
    const changed = EDITS[action](row);
    renumber();
    placeFindings();
    unsent = true;
    // The status line holds a message per edit: data-move-en is dataset.moveEn,
    // and data-split-none says why a split did nothing.
    const messages = form.querySelector(".import-status").dataset;
    const key = action.replace(/-(\w)/, (_, letter) => letter.toUpperCase());
    const message = messages[changed ? key : key + "None"];
    if (message) {
      announce(message.replace("{number}", place + 1));
    }
    refocus(button, action, place);
  });

  form.addEventListener("input", (event) => {
    const row = event.target.closest(".import-pair");
    if (row) {
      row.classList.add("import-pair--changed");
      unsent = true;
    }
  });
  form.addEventListener("submit", () => {
    unsent = false;
  });
  window.addEventListener("beforeunload", (event) => {
    if (unsent) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
