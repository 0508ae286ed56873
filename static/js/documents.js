// Upload progress: forms marked data-upload-progress are sent with XHR so the
// browser can show how far the upload is. Without JavaScript the form posts normally.
(function () {
  "use strict";

  function showResponse(xhr) {
    // Show the page the server answered with (after a redirect: the folder or the
    // document, with its "uploaded" message; on an error: the form with the reason).
    // Reloading would lose the one-time message, so the page is swapped in place.
    const page = new DOMParser().parseFromString(xhr.responseText, "text/html");
    const main = page.querySelector("main");
    if (main) {
      document.querySelector("main").replaceWith(main);
      document.title = page.title;
      if (xhr.status < 300 && xhr.responseURL && xhr.responseURL !== window.location.href) {
        window.history.pushState({}, "", xhr.responseURL);
      }
      main.querySelectorAll("form[data-upload-progress]").forEach(enhance);
      main.querySelectorAll("form[data-dropzone]").forEach(enhanceDropzone);
      if (window.htmx) window.htmx.process(main);
      main.setAttribute("tabindex", "-1");
      main.focus();
    } else {
      window.alert("The upload failed (" + xhr.status + "). Please try again.");
    }
  }

  function enhance(form) {
    form.addEventListener("submit", function (event) {
      if (!window.FormData || !window.XMLHttpRequest) return;
      event.preventDefault();
      const box = form.querySelector(".upload-progress");
      const bar = box && box.querySelector("progress");
      const text = box && box.querySelector(".upload-progress-text");
      const button = form.querySelector("button[type=submit]");
      if (box) box.hidden = false;
      if (button) button.disabled = true;
      const xhr = new XMLHttpRequest();
      xhr.open("POST", form.action || window.location.href);
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable || !bar) return;
        const percent = Math.round((e.loaded / e.total) * 100);
        bar.value = percent;
        if (text) text.textContent = percent + " %";
      });
      xhr.addEventListener("load", function () { showResponse(xhr); });
      xhr.addEventListener("error", function () {
        if (button) button.disabled = false;
        if (text) text.textContent = "The upload was interrupted; nothing was saved. Try again.";
      });
      xhr.send(new FormData(form));
    });
  }

  // Drop zones: files dropped on a form marked data-dropzone go into its file input
  // and are sent like a chosen file (with the progress bar). The input stays the
  // keyboard and no-JavaScript path.
  function enhanceDropzone(form) {
    const input = form.querySelector("input[type=file]");
    if (!input) return;
    ["dragenter", "dragover"].forEach(function (name) {
      form.addEventListener(name, function (event) {
        event.preventDefault();
        form.classList.add("dragging");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      form.addEventListener(name, function () { form.classList.remove("dragging"); });
    });
    form.addEventListener("drop", function (event) {
      event.preventDefault();
      if (!event.dataTransfer || !event.dataTransfer.files.length) return;
      input.files = event.dataTransfer.files;
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    });
  }

  document.querySelectorAll("form[data-upload-progress]").forEach(enhance);
  document.querySelectorAll("form[data-dropzone]").forEach(enhanceDropzone);
})();
