/* The agenda's filters: persona (and its role), track, format and day.
 *
 * The agenda page (src/playbook/templates/agenda.md.jinja) shows every session and keeps its
 * filter form hidden, so without JavaScript nothing is lost. This script shows the form, hides
 * the sessions (and the slots and days left empty) that do not match, says how many show, and
 * keeps the filters in the page's query string (`?persona=exec&day=2`): the address can be
 * shared, and opening or reloading it applies the same filters. It reads only the data
 * attributes the template writes on each session (validated ids) and never writes HTML.
 * On any other page it does nothing.
 */
(function () {
  "use strict";

  var FIELDS = ["persona", "role", "track", "format", "day"];

  function words(value) {
    return (value || "").split(" ").filter(Boolean);
  }

  function start() {
    var form = document.getElementById("pb-agenda-filters");
    if (!form) return;
    var count = document.getElementById("pb-agenda-count");
    var sessions = Array.prototype.slice.call(document.querySelectorAll(".pb-agenda-session"));
    var slots = document.querySelectorAll(".pb-slot");
    var days = document.querySelectorAll(".pb-agenda-day");
    var control = {};
    FIELDS.forEach(function (name) {
      control[name] = form.elements.namedItem(name);
    });

    function choose(select, value) {
      // Only a value the form offers: a stale or mistyped address filters nothing.
      var offered = Array.prototype.some.call(select.options, function (option) {
        return option.value === value;
      });
      select.value = offered ? value : "";
    }

    function fromAddress() {
      var params = new URLSearchParams(window.location.search);
      FIELDS.forEach(function (name) {
        choose(control[name], params.get(name) || "");
      });
    }

    function toAddress(values) {
      var params = new URLSearchParams(window.location.search);
      FIELDS.forEach(function (name) {
        if (values[name]) params.set(name, values[name]);
        else params.delete(name);
      });
      var query = params.toString();
      var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      window.history.replaceState(window.history.state, "", address);
    }

    function matches(session, values) {
      var data = session.dataset;
      if (values.persona) {
        var primary = words(data.primary).indexOf(values.persona) >= 0;
        var secondary = words(data.secondary).indexOf(values.persona) >= 0;
        if (values.role === "primary" ? !primary
          : values.role === "secondary" ? !secondary
          : !(primary || secondary)) return false;
      }
      if (values.track && data.track !== values.track) return false;
      if (values.format && data.format !== values.format) return false;
      if (values.day && data.day !== values.day) return false;
      return true;
    }

    function apply() {
      var values = {};
      FIELDS.forEach(function (name) {
        values[name] = control[name].value;
      });
      if (!values.persona) values.role = "";
      control.role.disabled = !values.persona;
      var shown = 0;
      sessions.forEach(function (session) {
        var show = matches(session, values);
        session.hidden = !show;
        if (show) shown += 1;
      });
      [slots, days].forEach(function (groups) {
        Array.prototype.forEach.call(groups, function (group) {
          group.hidden = !group.querySelector(".pb-agenda-session:not([hidden])");
          var heading = document.getElementById(group.getAttribute("aria-labelledby") || "");
          if (heading) heading.hidden = group.hidden; // a day's heading goes with its day
        });
      });
      var filtered = FIELDS.some(function (name) { return values[name]; });
      count.textContent = filtered
        ? "Showing " + shown + " of " + sessions.length + " sessions."
        : sessions.length + " sessions.";
      toAddress(values);
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      window.setTimeout(apply, 0); // after the form has reset its controls
    });
    fromAddress();
    form.hidden = false;
    apply();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
