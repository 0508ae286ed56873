// The header search box's drop-down (templates/search/_header_box.html): htmx fills it
// as you type; this adds the keyboard (down/up arrows move through the results, Escape
// closes) and closes it when the focus or a click goes elsewhere.
(() => {
  const panel = () => document.getElementById("topbar-results");
  const input = () => document.getElementById("topbar-q");
  const links = () => Array.from(panel()?.querySelectorAll("a") || []);

  function close() {
    const box = panel();
    if (box) box.replaceChildren();
  }

  // On the box's own form, so that an Escape that closes the drop-down stops here and
  // does not also fold the phone header's menu (app.js listens on the document).
  input()?.form?.addEventListener("keydown", (event) => {
    const box = panel();
    if (!box || !box.contains(event.target) && event.target !== input()) return;
    const items = links();
    const at = items.indexOf(document.activeElement);
    if (event.key === "Escape") {
      if (!box.childElementCount) return;
      close();
      input().focus();
      event.stopPropagation();
    } else if (event.key === "ArrowDown" && items.length) {
      items[Math.min(at + 1, items.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      (at === 0 ? input() : items[at - 1]).focus();
    } else {
      return;
    }
    event.preventDefault();
  });

  document.addEventListener("click", (event) => {
    const form = input()?.form;
    if (form && !form.contains(event.target)) close();
  });
})();
