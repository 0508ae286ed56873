// Microblog enhancements; every form also works without them (plain POST + redirect).
// - htmx swaps our 422 answers (the error message) into the form's error box;
// - a form marked data-reset-on-success is emptied after htmx posted it;
// - a character counter for the composer;
// - @mention autocomplete from the container's members (data-mention-url).
(function () {
  "use strict";

  document.addEventListener("htmx:beforeSwap", (event) => {
    if (event.detail.xhr.status === 422) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("htmx:afterRequest", (event) => {
    const form = event.detail.elt;
    const status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (!(form instanceof HTMLFormElement) || status < 200 || status >= 300) return;
    if (form.hasAttribute("data-reset-on-success")) {
      form.reset();
      form.querySelectorAll("[role=alert]").forEach((box) => { box.textContent = ""; });
      form.querySelectorAll("textarea").forEach(updateCounter);
    }
  });

  // A list that gained its first item loses its "nothing here yet" line.
  document.addEventListener("htmx:afterSwap", (event) => {
    const target = event.detail.target;
    if (target && target.children.length > 1) {
      target.querySelectorAll(":scope > .empty").forEach((line) => line.remove());
    }
  });

  function updateCounter(textarea) {
    const counter = document.querySelector(`[data-char-count-for="${textarea.id}"]`);
    const max = Number(textarea.getAttribute("maxlength"));
    if (counter && max) counter.textContent = `${textarea.value.length} / ${max}`;
  }

  // ---- @mention autocomplete -------------------------------------------------------
  const MENTION_BEFORE_CARET = /(?:^|[^\p{L}\p{N}_@])@([\p{L}\p{N}_][\p{L}\p{N}_.-]{0,29})$/u;
  let listbox = null;
  let activeInput = null;
  let timer = null;
  let counter = 0;

  function closeList() {
    if (listbox) listbox.remove();
    if (activeInput) {
      // A textarea (role textbox) may not carry aria-expanded; drop the link to the gone list.
      activeInput.removeAttribute("aria-controls");
      activeInput.removeAttribute("aria-activedescendant");
    }
    listbox = null;
  }

  function currentPrefix(input) {
    const before = input.value.slice(0, input.selectionStart);
    const match = before.match(MENTION_BEFORE_CARET);
    return match ? match[1] : null;
  }

  function insertHandle(input, handle) {
    const caret = input.selectionStart;
    const before = input.value.slice(0, caret).replace(/@[\p{L}\p{N}_.-]*$/u, `@${handle} `);
    input.value = before + input.value.slice(caret);
    input.setSelectionRange(before.length, before.length);
    input.focus();
    closeList();
    updateCounter(input);
  }

  function options() {
    return listbox ? Array.from(listbox.querySelectorAll("[role=option]")) : [];
  }

  function setActive(index) {
    const items = options();
    items.forEach((item, i) => item.setAttribute("aria-selected", i === index ? "true" : "false"));
    if (items[index]) activeInput.setAttribute("aria-activedescendant", items[index].id);
  }

  function showSuggestions(input, results) {
    closeList();
    if (!results.length) return;
    activeInput = input;
    listbox = document.createElement("ul");
    listbox.id = `mention-list-${++counter}`;
    listbox.className = "mention-list";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", "People to mention");
    results.forEach((person, i) => {
      const option = document.createElement("li");
      option.id = `${listbox.id}-${i}`;
      option.setAttribute("role", "option");
      option.dataset.handle = person.handle;
      // textContent, never innerHTML: names are user input.
      option.textContent = `${person.name} `;
      const handle = document.createElement("span");
      handle.className = "muted";
      handle.textContent = `@${person.handle}`;
      option.appendChild(handle);
      option.addEventListener("mousedown", (event) => {
        event.preventDefault();
        insertHandle(input, person.handle);
      });
      listbox.appendChild(option);
    });
    input.insertAdjacentElement("afterend", listbox);
    input.setAttribute("aria-controls", listbox.id);
    setActive(0);
  }

  function suggest(input) {
    const prefix = currentPrefix(input);
    const source = input.closest("[data-mention-url]");
    if (!prefix || !source) return closeList();
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const url = `${source.dataset.mentionUrl}?q=${encodeURIComponent(prefix)}`;
      try {
        const response = await fetch(url, { headers: { Accept: "application/json" } });
        if (!response.ok) return closeList();
        const data = await response.json();
        if (currentPrefix(input) === prefix) showSuggestions(input, data.results || []);
      } catch (error) {
        closeList();
      }
    }, 150);
  }

  document.addEventListener("input", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLTextAreaElement)) return;
    updateCounter(input);
    if (input.hasAttribute("data-mention-input")) {
      input.setAttribute("aria-autocomplete", "list");
      suggest(input);
    }
  });

  document.addEventListener("keydown", (event) => {
    if (!listbox || event.target !== activeInput) return;
    const items = options();
    const current = items.findIndex((item) => item.getAttribute("aria-selected") === "true");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current + step + items.length) % items.length);
    } else if ((event.key === "Enter" || event.key === "Tab") && items[current]) {
      event.preventDefault();
      insertHandle(activeInput, items[current].dataset.handle);
    } else if (event.key === "Escape") {
      closeList();
    }
  });

  document.addEventListener("focusout", (event) => {
    if (event.target === activeInput) setTimeout(closeList, 100);
  });

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("textarea[maxlength]").forEach(updateCounter);
  });
})();
