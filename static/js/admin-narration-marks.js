/* Marking where each pair starts in a narration
   (templates/admin/articles/narration/marks.html, articles/admin/marks.py).

   The page works without this file: each pair's time is a field written
   minutes:seconds. With it, the Voice plays the recording and presses M (or the
   "Mark the next pair" button) as each pair begins: the first pair without a
   mark, or marked later than now, gets the current time. Each row can play from
   its mark or clear it. What each action did is said in the page's status line;
   every label comes from the page, so this file holds no interface text. */
(function () {
  "use strict";

  const root = document.querySelector("[data-pair-marks]");
  if (!root) {
    return;
  }
  const audio = root.querySelector("audio");
  const tools = root.querySelector(".pair-marks__tools");
  const status = tools.querySelector("[role=status]");
  const rows = Array.from(root.querySelectorAll("tr[data-pair]"));
  // The same times as ClockField reads: m:ss.s, or seconds alone.
  const CLOCK = /^(?:(\d{1,4}):(?=\d\d))?(\d+(?:\.\d+)?)$/;

  function clock(seconds) {
    const tenths = Math.round(seconds * 10);
    const rest = tenths % 600;
    const whole = String(Math.floor(rest / 10)).padStart(2, "0");
    return Math.floor(tenths / 600) + ":" + whole + "." + (rest % 10);
  }

  function parse(text) {
    const match = CLOCK.exec(text.trim());
    if (!match || (match[1] && Number(match[2]) >= 60)) {
      return NaN;
    }
    return Number(match[1] || 0) * 60 + Number(match[2]);
  }

  function field(row) {
    return row.querySelector("input");
  }

  function say(label, row, time) {
    status.textContent = label
      .replace("%(number)s", row ? row.dataset.pair : "")
      .replace("%(time)s", time || "");
  }

  function markNext() {
    const now = audio.currentTime;
    const row = rows.find(function (candidate) {
      const start = parse(field(candidate).value);
      return Number.isNaN(start) || start > now;
    });
    if (!row) {
      say(root.dataset.labelDone);
      return;
    }
    const time = clock(now);
    field(row).value = time;
    rows.forEach(function (other) {
      other.classList.toggle("pair-marks__row--last", other === row);
    });
    row.scrollIntoView({ block: "nearest" });
    say(root.dataset.labelMarked, row, time);
  }

  rows.forEach(function (row) {
    const play = row.querySelector("[data-action=play]");
    const clear = row.querySelector("[data-action=clear]");
    play.addEventListener("click", function () {
      const start = parse(field(row).value);
      if (Number.isNaN(start)) {
        field(row).focus();
        return;
      }
      audio.currentTime = start;
      audio.play().catch(function () {
        /* Refused by the browser: the Voice presses play on the recording. */
      });
    });
    clear.addEventListener("click", function () {
      field(row).value = "";
      say(root.dataset.labelCleared, row);
    });
    play.hidden = false;
    clear.hidden = false;
  });

  tools.querySelector("[data-action=mark]").addEventListener("click", markNext);
  // M marks from anywhere on the page but a field being typed in.
  document.addEventListener("keydown", function (event) {
    if ((event.key || "").toLowerCase() !== "m" || event.altKey || event.ctrlKey
        || event.metaKey || event.target.closest("input, textarea, select, [contenteditable]")) {
      return;
    }
    event.preventDefault();
    markNext();
  });
  tools.hidden = false;
}());
