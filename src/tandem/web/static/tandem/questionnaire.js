/* The questionnaire's autosave, on top of htmx (pages work without this file):
   - a row's autosave sends that row's fields only (htmx would post the whole domain form, and
     with it every file chosen in another row), as multipart so a chosen document goes along;
   - the row says "saving…" or "uploading…" until the server answers, and says so when the
     connection failed, so it never reads "saved" for something that is not stored;
   - a stored or refused document empties the row's file input (the server says which row);
   - Enter in a row's one-line field saves that row, Enter in "other aspect" adds it: Enter
     never presses another form's button. */
(function () {
  "use strict";

  function form() { return document.querySelector("form[data-questionnaire]"); }
  function rowOf(element) { return element && element.closest ? element.closest("fieldset.answer-row") : null; }
  function keyOf(row) { return row.id.replace(/^row-/, ""); }

  function say(row, text, isError) {
    var status = document.getElementById("status-" + keyOf(row));
    if (!status) { return; }
    status.textContent = "";
    var span = document.createElement("span");
    if (isError) { span.className = "field-error"; }
    span.textContent = text;
    status.appendChild(span);
  }

  function hasFile(row) {
    var inputs = row.querySelectorAll("input[type=file]");
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].files && inputs[i].files.length) { return true; }
    }
    return false;
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var row = rowOf(event.detail.elt);
    if (!row) { return; }
    var prefix = keyOf(row) + "-";
    var parameters = event.detail.formData;
    var names = [];
    parameters.forEach(function (_value, name) { names.push(name); });
    names.forEach(function (name) {
      if (name.indexOf(prefix) !== 0 && name !== "csrfmiddlewaretoken" && name !== "action") {
        parameters.delete(name);
      }
    });
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var row = rowOf(event.detail.elt);
    var messages = form();
    if (!row || !messages) { return; }
    say(row, hasFile(row) ? messages.dataset.uploading : messages.dataset.saving, false);
  });

  function failed(event) {
    var row = rowOf(event.detail.elt);
    var messages = form();
    if (row && messages) { say(row, messages.dataset.failed, true); }
  }
  document.addEventListener("htmx:sendError", failed);
  document.addEventListener("htmx:responseError", failed);

  document.body.addEventListener("tandem:document-handled", function (event) {
    var row = document.getElementById("row-" + event.detail.row);
    if (!row) { return; }
    row.querySelectorAll("input[type=file]").forEach(function (input) { input.value = ""; });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.isComposing) { return; }
    var target = event.target;
    if (!target || target.tagName !== "INPUT" || !form() || !form().contains(target)) { return; }
    var type = (target.getAttribute("type") || "text").toLowerCase();
    if (["submit", "button", "file", "checkbox", "radio", "reset", "image"].indexOf(type) >= 0) { return; }
    if (target.hasAttribute("data-own-label")) {
      event.preventDefault();
      var add = form().querySelector("[data-add-own]");
      if (add) { add.click(); }
      return;
    }
    var row = rowOf(target);
    if (row) {
      event.preventDefault();
      target.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });
})();
