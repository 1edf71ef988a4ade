// The workbench's only script: upload progress, polling a background job, copying a text.
// Every page works without it (plain forms and links); it only spares waiting and typing.
"use strict";

function errorFromPage(html) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const message = doc.querySelector(".error-message");
  return message ? message.textContent : "";
}

function showError(container, text) {
  let box = container.querySelector(".error-message");
  if (!box) {
    box = document.createElement("p");
    box.className = "error-message";
    box.setAttribute("role", "alert");
    container.appendChild(box);
  }
  box.textContent = text;
  box.hidden = false;
}

function setUpUpload() {
  const form = document.getElementById("upload-form");
  if (!form) return;
  form.addEventListener("submit", (event) => {
    const input = document.getElementById("upload-files");
    const limit = Number(form.dataset.maxBytes);
    let total = 0;
    for (const file of input.files) total += file.size;
    if (total > limit) {
      event.preventDefault();
      showError(form.parentElement, form.dataset.tooLarge);
      return;
    }
    event.preventDefault();
    const progress = document.getElementById("upload-progress");
    const status = document.getElementById("upload-status");
    progress.hidden = false;
    status.textContent = status.dataset.uploading;
    const request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) progress.value = Math.round((100 * e.loaded) / e.total);
    });
    request.addEventListener("load", () => {
      if (request.status < 400) {
        window.location.assign(request.responseURL || "/mapping");
      } else {
        progress.hidden = true;
        status.textContent = "";
        showError(form.parentElement, errorFromPage(request.responseText) || String(request.status));
      }
    });
    request.addEventListener("error", () => {
      progress.hidden = true;
      showError(form.parentElement, form.dataset.tooLarge);
    });
    request.send(new FormData(form));
  });
}

function setUpJob() {
  const box = document.getElementById("job");
  if (!box || !box.dataset.statusUrl || document.getElementById("job-error") === null) return;
  const poll = () => {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", cache: "no-store" })
      .then((response) => response.json())
      .then((status) => {
        document.getElementById("job-phase").textContent = status.phase_text || "";
        document.getElementById("job-rows").textContent = status.rows_text || "";
        document.getElementById("job-seconds").textContent = status.seconds;
        if (status.done) {
          if (status.error) {
            const error = document.getElementById("job-error");
            error.textContent = status.error;
            error.hidden = false;
            document.getElementById("job-progress").hidden = true;
          } else {
            window.location.assign(status.next);
          }
          return;
        }
        window.setTimeout(poll, 400);
      })
      .catch(() => window.setTimeout(poll, 1500));
  };
  poll();
}

function setUpCopy() {
  for (const button of document.querySelectorAll("button.copy")) {
    button.addEventListener("click", () => {
      const area = document.getElementById(button.dataset.target);
      area.select();
      const done = () => { button.textContent = button.dataset.done; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(area.value).then(done, () => { document.execCommand("copy"); done(); });
      } else {
        document.execCommand("copy");
        done();
      }
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  setUpUpload();
  setUpJob();
  setUpCopy();
});
