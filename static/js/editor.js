// The Markdown editor: a toolbar and a live preview for the textarea of a form marked
// data-markdown-editor. Our own ~150 lines rather than a vendored editor: the toolbar
// only inserts Markdown, and the preview must come from the server's one sanitised
// pipeline (the form's data-preview-url), which no client-side renderer can match.
// Without JavaScript the textarea and the Preview button work as before.
(function () {
  "use strict";

  const PREVIEW_DELAY_MS = 600;

  // [label, what it does to the selection]
  const ACTIONS = [
    ["Heading", function (t) { prefixLines(t, "## "); }],
    ["Bold", function (t) { wrap(t, "**", "**", "bold text"); }],
    ["Italic", function (t) { wrap(t, "_", "_", "italic text"); }],
    ["Bulleted list", function (t) { prefixLines(t, "- "); }],
    ["Numbered list", function (t) { prefixLines(t, "1. "); }],
    ["Link", function (t) { wrap(t, "[", "](https://)", "link text"); }],
    ["Table", function (t) { insert(t, "\n| Column | Column |\n| --- | --- |\n| | |\n"); }],
  ];

  function changed(textarea) {
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
    textarea.focus();
  }

  function insert(textarea, text) {
    textarea.setRangeText(text, textarea.selectionStart, textarea.selectionEnd, "end");
    changed(textarea);
  }

  function wrap(textarea, before, after, placeholder) {
    const start = textarea.selectionStart;
    const end = textarea.selectionEnd;
    const selected = textarea.value.slice(start, end) || placeholder;
    textarea.setRangeText(before + selected + after, start, end, "end");
    textarea.setSelectionRange(start + before.length, start + before.length + selected.length);
    changed(textarea);
  }

  function prefixLines(textarea, prefix) {
    const value = textarea.value;
    const start = value.lastIndexOf("\n", textarea.selectionStart - 1) + 1;
    const end = textarea.selectionEnd;
    const lines = value.slice(start, end).split("\n");
    textarea.setRangeText(lines.map(function (l) { return prefix + l; }).join("\n"), start, end, "end");
    changed(textarea);
  }

  function button(label, onClick) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "secondary small";
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  // Live preview: POST the text to the server's preview endpoint (CSRF token from the
  // form) and show the sanitised HTML it answers with.
  function livePreview(form, textarea, target) {
    let timer = null;
    let sent = 0;
    function refresh() {
      const body = new FormData();
      body.append("body", textarea.value);
      body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      const ticket = ++sent;
      fetch(form.dataset.previewUrl, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (response) {
          return response.text().then(function (text) { return [response.ok, text]; });
        })
        .then(function (result) {
          if (ticket !== sent) return; // a newer preview is on its way
          if (result[0]) target.innerHTML = result[1];
          else target.textContent = "No preview: " + (result[1] || "the server refused the text.");
        })
        .catch(function () { target.textContent = "No preview: the server did not answer."; });
    }
    textarea.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, PREVIEW_DELAY_MS);
    });
  }

  // "Link to a document or page": the site search (access-filtered) within this
  // workspace or group, read from its results fragment; a choice inserts a link.
  function picker(form, textarea) {
    const box = document.createElement("div");
    box.className = "link-picker";
    box.hidden = true;
    const label = document.createElement("label");
    label.textContent = "Find a document or page";
    const input = document.createElement("input");
    input.type = "search";
    input.id = textarea.id + "-link-search";
    label.htmlFor = input.id;
    const list = document.createElement("ul");
    list.className = "link-picker-results";
    list.setAttribute("aria-live", "polite");
    box.append(label, input, list);
    let timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { search(input.value.trim()); }, 300);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { box.hidden = true; textarea.focus(); }
    });

    function search(query) {
      list.replaceChildren();
      if (!query) return;
      const params = new URLSearchParams({ q: query, in: form.dataset.linkScope });
      fetch(form.dataset.linkSearch + "?" + params, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          const results = new DOMParser().parseFromString(html, "text/html").querySelectorAll(".search-result");
          results.forEach(function (result) {
            const kind = result.querySelector(".tag");
            const link = result.querySelector(".result-head a");
            if (!link || !kind || !/^(Document|Page)$/.test(kind.textContent.trim())) return;
            const item = document.createElement("li");
            item.append(button(kind.textContent.trim() + ": " + link.textContent, function () {
              const title = link.textContent.replace(/[\[\]]/g, "");
              insert(textarea, "[" + title + "](" + link.getAttribute("href") + ")");
              box.hidden = true;
            }));
            list.append(item);
          });
          if (!list.children.length) {
            const none = document.createElement("li");
            none.textContent = "No document or page found.";
            list.append(none);
          }
        });
    }
    return { box: box, toggle: function () { box.hidden = !box.hidden; if (!box.hidden) input.focus(); } };
  }

  function enhance(form) {
    const textarea = form.querySelector("textarea[name=body]");
    if (!textarea) return;
    const toolbar = document.createElement("div");
    toolbar.className = "editor-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", "Formatting");
    ACTIONS.forEach(function (action) {
      toolbar.append(button(action[0], function () { action[1](textarea); }));
    });
    if (form.dataset.linkSearch) {
      const links = picker(form, textarea);
      toolbar.append(button("Link to a document or page", links.toggle));
      textarea.before(toolbar, links.box);
    } else {
      textarea.before(toolbar);
    }
    const target = document.getElementById(form.dataset.previewTarget || "preview");
    if (form.dataset.previewUrl && target) livePreview(form, textarea, target);
  }

  document.querySelectorAll("form[data-markdown-editor]").forEach(enhance);
})();
