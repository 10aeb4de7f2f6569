/* Narration player: swaps the browser's own audio controls for a labelled bar.
 *
 * The page carries every label in the reader's language (data-label-* and
 * aria-label attributes), so this file holds no interface text; spoken times
 * ("1 minute 5 seconds") come from the browser's Intl in the page's language.
 * The chosen speed is remembered in localStorage for every narration.
 */
(function () {
  "use strict";

  var RATE_KEY = "newsroom.narration.rate";
  var LANG = document.documentElement.lang || undefined;
  var UNITS = ["hour", "minute", "second"];

  function parts(seconds) {
    var whole = Math.max(0, Math.floor(seconds || 0));
    return [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60];
  }

  function clock(seconds) {
    var p = parts(seconds);
    var ss = String(p[2]).padStart(2, "0");
    if (p[0]) {
      return p[0] + ":" + String(p[1]).padStart(2, "0") + ":" + ss;
    }
    return p[1] + ":" + ss;
  }

  function spoken(seconds) {
    var p = parts(seconds);
    var words = [];
    p.forEach(function (amount, index) {
      var last = index === p.length - 1;
      if (amount || (last && !words.length)) {
        words.push(new Intl.NumberFormat(LANG, {
          style: "unit", unit: UNITS[index], unitDisplay: "long"
        }).format(amount));
      }
    });
    if (typeof Intl.ListFormat === "function") {
      return new Intl.ListFormat(LANG, { type: "unit", style: "narrow" }).format(words);
    }
    return words.join(" ");
  }

  function storedRate() {
    try {
      return window.localStorage.getItem(RATE_KEY);
    } catch (error) {
      return null;  // Storage refused (private mode, blocked cookies): keep 1×.
    }
  }

  function storeRate(rate) {
    try {
      window.localStorage.setItem(RATE_KEY, rate);
    } catch (error) {
      /* Not remembered, still applied. */
    }
  }

  function enhance(player) {
    var audio = player.querySelector("audio");
    var bar = player.querySelector(".player__bar");
    var toggle = bar.querySelector("[data-action=toggle]");
    var seek = bar.querySelector("[data-action=seek]");
    var speed = bar.querySelector("[data-action=speed]");
    var elapsed = bar.querySelector(".player__elapsed");
    var total = bar.querySelector(".player__total");

    function duration() {
      if (isFinite(audio.duration) && audio.duration > 0) {
        return audio.duration;
      }
      return Number(player.dataset.duration) || 0;
    }

    function render() {
      var playing = !audio.paused && !audio.ended;
      var length = duration();
      toggle.dataset.state = playing ? "playing" : "paused";
      toggle.setAttribute(
        "aria-label", playing ? player.dataset.labelPause : player.dataset.labelPlay
      );
      seek.max = String(Math.floor(length));
      if (document.activeElement !== seek) {
        seek.value = String(Math.floor(audio.currentTime));
      }
      seek.setAttribute("aria-valuetext", player.dataset.labelPosition
        .replace("%(elapsed)s", spoken(audio.currentTime))
        .replace("%(total)s", spoken(length)));
      elapsed.textContent = clock(audio.currentTime);
      total.textContent = clock(length);
    }

    function playOrPause() {
      if (audio.paused || audio.ended) {
        var started = audio.play();
        if (started && started.catch) {
          started.catch(render);  // The browser refused to play: show it paused.
        }
      } else {
        audio.pause();
      }
      render();
    }

    function skip(seconds) {
      var target = audio.currentTime + seconds;
      audio.currentTime = Math.min(Math.max(target, 0), duration() || target);
      render();
    }

    function setRate(rate) {
      audio.defaultPlaybackRate = Number(rate);
      audio.playbackRate = Number(rate);
    }

    var remembered = storedRate();
    if (Array.prototype.some.call(speed.options, function (option) {
      return option.value === remembered;
    })) {
      speed.value = remembered;
    }
    setRate(speed.value);

    toggle.addEventListener("click", playOrPause);
    bar.querySelectorAll("[data-action=skip]").forEach(function (button) {
      button.addEventListener("click", function () {
        skip(Number(button.dataset.seconds));
      });
    });
    seek.addEventListener("input", function () {
      audio.currentTime = Number(seek.value);
      render();
    });
    speed.addEventListener("change", function () {
      setRate(speed.value);
      storeRate(speed.value);
    });
    ["play", "pause", "ended", "timeupdate", "loadedmetadata", "durationchange",
      "seeked"].forEach(function (name) {
      audio.addEventListener(name, render);
    });

    // Shortcuts only while focus is on the player's own buttons or slider, so
    // they never take a key from someone typing elsewhere on the page.
    var shortcuts = {};
    bar.querySelectorAll("[aria-keyshortcuts]").forEach(function (control) {
      shortcuts[control.getAttribute("aria-keyshortcuts")] = control;
    });
    bar.addEventListener("keydown", function (event) {
      var control = shortcuts[(event.key || "").toLowerCase()];
      if (!control || event.altKey || event.ctrlKey || event.metaKey
          || event.target.tagName === "SELECT") {
        return;
      }
      event.preventDefault();
      control.click();
    });

    audio.removeAttribute("controls");
    bar.hidden = false;
    render();
  }

  document.querySelectorAll("[data-player]").forEach(enhance);
}());
