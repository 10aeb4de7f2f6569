/* Narration player: swaps the browser's own audio controls for a labelled bar.
 *
 * The page carries every label in the reader's language (data-label-* and
 * aria-label attributes), so this file holds no interface text; spoken times
 * ("1 minute 5 seconds") come from the browser's Intl in the page's language.
 * The chosen speed is remembered in localStorage for every narration.
 *
 * Following the text: a narration whose pairs are marked (data-marks, "3:12.5"
 * is pair-3 starting at 12.5 s) gets a small "listen from here" button on each
 * marked pair, and the pair being read is highlighted in any reading mode (the
 * pairs keep their id="pair-N" in all of them). Scrolling to it is the reader's
 * choice ("Follow the text", remembered). Nothing is announced as it moves: the
 * highlight is a class and aria-current, never a live region.
 *
 * Once started, the bar docks at the bottom of the window while its own place is
 * scrolled away; its place keeps its height and the page gains the bar's height
 * at its end, so no text moves and none stays under it. Those two heights are set
 * through the CSSOM, which the Content-Security-Policy allows (it refuses style
 * attributes written in markup, not properties set by a script file).
 */
(function () {
  "use strict";

  var RATE_KEY = "newsroom.narration.rate";
  var FOLLOW_KEY = "newsroom.narration.follow";
  // A seek lands a hair before the mark asked for; count it as reached.
  var EARLY = 0.05;
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

  function stored(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (error) {
      return null;  // Storage refused (private mode, blocked cookies): defaults.
    }
  }

  function store(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch (error) {
      /* Not remembered, still applied. */
    }
  }

  var players = [];
  var current = null;  // The player last started; the only one that docks.
  var highlighted = null;

  // The marked pairs found on this page, in reading order: [{pair, start}].
  function readMarks(player) {
    return (player.dataset.marks || "").split(" ").map(function (entry) {
      var parts = entry.split(":");
      var pair = document.getElementById("pair-" + parts[0]);
      return pair && { pair: pair, start: Number(parts[1]) };
    }).filter(Boolean);
  }

  function startOf(state, pair) {
    var mark = state.marks.find(function (candidate) {
      return candidate.pair === pair;
    });
    return mark ? mark.start : null;
  }

  function reducedMotion() {
    return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  function bringIntoView(pair) {
    pair.scrollIntoView({
      block: "center", behavior: reducedMotion() ? "auto" : "smooth"
    });
  }

  // The pair being read: the last one whose mark has been reached.
  function pairAt(state) {
    var found = null;
    state.marks.forEach(function (mark) {
      if (mark.start <= state.audio.currentTime + EARLY) {
        found = mark.pair;
      }
    });
    return found;
  }

  function highlight(state) {
    if (state !== current) {
      return;
    }
    var pair = state.started && !state.audio.ended ? pairAt(state) : null;
    if (pair === highlighted) {
      return;
    }
    if (highlighted) {
      highlighted.classList.remove("pair--narrated");
      highlighted.removeAttribute("aria-current");
    }
    highlighted = pair;
    if (pair) {
      pair.classList.add("pair--narrated");
      pair.setAttribute("aria-current", "true");
      if (state.follow && state.follow.checked && !state.audio.paused) {
        bringIntoView(pair);
      }
    }
  }

  function keepPageEndClear(state) {
    document.documentElement.style.setProperty(
      "--docked-player", state.bar.offsetHeight + "px"
    );
  }

  function dock(state) {
    var docked = state === current && state.started && !state.inView;
    var root = document.documentElement;
    if (docked === state.player.classList.contains("player--docked")) {
      return;
    }
    if (docked) {
      state.player.style.minHeight = state.player.offsetHeight + "px";
      state.player.classList.add("player--docked");
      keepPageEndClear(state);
      root.classList.add("has-docked-player");
    } else {
      state.player.classList.remove("player--docked");
      state.player.style.minHeight = "";
      root.classList.remove("has-docked-player");
    }
  }

  function listenFrom(pair) {
    var state = current && startOf(current, pair) !== null ? current
      : players.find(function (candidate) {
        return startOf(candidate, pair) !== null;
      });
    state.audio.currentTime = startOf(state, pair);
    state.play();
  }

  function addListenButtons(label) {
    var seen = [];
    players.forEach(function (state) {
      state.marks.forEach(function (mark) {
        if (seen.indexOf(mark.pair) !== -1) {
          return;
        }
        seen.push(mark.pair);
        var button = document.createElement("button");
        button.type = "button";
        button.className = "pair__listen";
        button.setAttribute(
          "aria-label", label.replace("%(number)s", mark.pair.id.slice(5))
        );
        button.addEventListener("click", function () {
          listenFrom(mark.pair);
        });
        mark.pair.classList.add("pair--marked");
        mark.pair.appendChild(button);
      });
    });
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

    function play() {
      var started = audio.play();
      if (started && started.catch) {
        started.catch(render);  // The browser refused to play: show it paused.
      }
      render();
    }

    function playOrPause() {
      if (audio.paused || audio.ended) {
        play();
      } else {
        audio.pause();
        render();
      }
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

    var state = {
      player: player,
      bar: bar,
      audio: audio,
      marks: readMarks(player),
      follow: bar.querySelector("[data-action=follow]"),
      play: play,
      started: false,
      inView: true
    };
    players.push(state);

    var remembered = stored(RATE_KEY);
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
      store(RATE_KEY, speed.value);
    });
    ["play", "pause", "ended", "timeupdate", "loadedmetadata", "durationchange",
      "seeked"].forEach(function (name) {
      audio.addEventListener(name, render);
    });

    // One narration at a time: starting one pauses the others and takes over
    // the highlight and the dock.
    audio.addEventListener("play", function () {
      var before = current;
      current = state;
      state.started = true;
      players.forEach(function (other) {
        if (other !== state && !other.audio.paused) {
          other.audio.pause();
        }
      });
      if (before && before !== state) {
        dock(before);
      }
      dock(state);
      highlight(state);
    });
    ["timeupdate", "seeked", "ended"].forEach(function (name) {
      audio.addEventListener(name, function () {
        highlight(state);
      });
    });
    if (state.follow) {
      state.follow.checked = stored(FOLLOW_KEY) === "1";
      state.follow.addEventListener("change", function () {
        store(FOLLOW_KEY, state.follow.checked ? "1" : "0");
        players.forEach(function (other) {
          if (other.follow) {
            other.follow.checked = state.follow.checked;
          }
        });
        if (state.follow.checked && highlighted && state === current) {
          bringIntoView(highlighted);
        }
      });
    }
    if ("IntersectionObserver" in window) {
      new IntersectionObserver(function (entries) {
        state.inView = entries[entries.length - 1].isIntersecting;
        dock(state);
      }).observe(player);
    }

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
  // A turned phone wraps the docked bar onto more or fewer rows.
  window.addEventListener("resize", function () {
    if (current && current.player.classList.contains("player--docked")) {
      keepPageEndClear(current);
    }
  });
  var section = document.querySelector(".narrations[data-label-listen]");
  if (section) {
    addListenButtons(section.dataset.labelListen);
  }
}());
