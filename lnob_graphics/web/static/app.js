// The page's only script of its own: drop files on the upload form, print the sheet.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("upload");
  if (form) {
    const input = document.getElementById("files");
    ["dragenter", "dragover"].forEach((type) => form.addEventListener(type, (event) => {
      event.preventDefault();
      form.classList.add("over");
    }));
    form.addEventListener("dragleave", () => form.classList.remove("over"));
    form.addEventListener("drop", (event) => {
      event.preventDefault();
      form.classList.remove("over");
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        form.requestSubmit();
      }
    });
  }
  document.querySelectorAll("button.print").forEach((b) => b.addEventListener("click", () => window.print()));
});
