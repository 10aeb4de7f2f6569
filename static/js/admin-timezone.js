// Times in the admin are on the newsroom's clock and say so. Where this
// browser's clock differs, add the editor's own time beside each one, and
// under the publish-at field the moment typed, on the editor's own clock.
(function () {
  "use strict";

  var settings = document.getElementById("newsroom-timezone");
  if (!settings || !window.Intl) {
    return;
  }
  var newsroomZone = settings.dataset.zone;
  var ownZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return name in values ? values[name] : whole;
    });
  }

  function wallClock(date, zone) {
    return new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
      timeZone: zone,
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23"
    }).format(date);
  }

  // Minutes the zone is ahead of UTC at `date`.
  function offset(date, zone) {
    var parts = {};
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      hourCycle: "h23"
    })
      .formatToParts(date)
      .forEach(function (part) {
        parts[part.type] = Number(part.value);
      });
    var asUtc = Date.UTC(
      parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second
    );
    return Math.round((asUtc - date.getTime()) / 60000);
  }

  function differs(date) {
    return offset(date, newsroomZone) !== offset(date, ownZone);
  }

  function ownTime(date) {
    return fill(settings.dataset.ownTime, {
      time: wallClock(date, ownZone),
      zone: ownZone
    });
  }

  function addOwnTime(element, date) {
    var note = element.nextElementSibling;
    if (!note || !note.classList.contains("own-time")) {
      note = document.createElement("span");
      note.className = "own-time";
      element.after(note);
    }
    note.textContent = date && differs(date) ? " (" + ownTime(date) + ")" : "";
  }

  document.querySelectorAll("time[data-newsroom-time]").forEach(function (time) {
    var date = new Date(time.getAttribute("datetime"));
    if (!isNaN(date.getTime())) {
      addOwnTime(time, date);
    }
  });

  document.querySelectorAll("[data-own-zone]").forEach(function (element) {
    if (element !== settings && differs(new Date())) {
      element.textContent = fill(settings.dataset.ownZone, { zone: ownZone });
      element.hidden = false;
    }
  });

  // "2026-12-04T09:00" typed as the newsroom's wall clock: which moment is it?
  function fromNewsroomClock(value) {
    var match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
    if (!match) {
      return null;
    }
    var guess = Date.UTC(+match[1], +match[2] - 1, +match[3], +match[4], +match[5]);
    var moment = guess - offset(new Date(guess), newsroomZone) * 60000;
    // Once more, in case the offset changed between the guess and the moment.
    return new Date(guess - offset(new Date(moment), newsroomZone) * 60000);
  }

  document.querySelectorAll("input[data-newsroom-clock]").forEach(function (input) {
    function update() {
      addOwnTime(input, fromNewsroomClock(input.value));
    }
    input.addEventListener("input", update);
    update();
  });
})();
