// Small progressive enhancements; every page works without them.
document.documentElement.classList.add("js");

document.addEventListener("click", (event) => {
  // Close open <details> menus when clicking elsewhere.
  document.querySelectorAll("details.menu[open]").forEach((menu) => {
    if (!menu.contains(event.target)) menu.removeAttribute("open");
  });
});
document.addEventListener("submit", (event) => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});

// The phone header's menu button: shows and hides the panel it controls. Without
// JavaScript the button stays hidden and the panel simply wraps under the brand.
document.querySelectorAll(".menu-toggle").forEach((button) => {
  const panel = document.getElementById(button.getAttribute("aria-controls"));
  if (!panel) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    panel.classList.toggle("is-open", open);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && panel.classList.contains("is-open")) {
      button.setAttribute("aria-expanded", "false");
      panel.classList.remove("is-open");
      button.focus();
    }
  });
});

// Tables as stacked cards on phones (see app.css): each cell learns its column's
// heading. Not the diff or CSV tables, whose columns only make sense side by side.
const STACKABLE = ".table-wrap:not(.csv-preview) > table:not(.wiki-diff), table.jobs";
function stackTables(root) {
  root.querySelectorAll(STACKABLE).forEach((table) => {
    const headings = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    table.querySelectorAll("tbody tr").forEach((row) => {
      [...row.children].forEach((cell, index) => {
        if (headings[index]) cell.dataset.label = headings[index];
      });
    });
    table.classList.add("stacked");
  });
}

// A wiki table wider than its box scrolls inside it; keyboard users must reach it too.
function focusableScrollers(root) {
  root.querySelectorAll(".prose table").forEach((table) => {
    if (table.scrollWidth > table.clientWidth + 1) table.tabIndex = 0;
  });
}

stackTables(document);
focusableScrollers(document);
document.addEventListener("htmx:afterSettle", () => stackTables(document)); // rows loaded later
