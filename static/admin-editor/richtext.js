// The rich-text editor's editable area takes the field's label and help text, so a screen reader
// announces "Body, edit text" and the help, as it did for the plain textarea the editor replaces.
// django-prose-editor fires "prose-editor:ready" (bubbling from the textarea) once per editor.
// Inline images from the image library are their own module: library-image.js.

function labelEditor(textarea, editable) {
  const label = textarea.id && document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`);
  if (label) {
    if (!label.id) label.id = `${textarea.id}_label`;
    editable.setAttribute("aria-labelledby", label.id);
  }
  const help = textarea.getAttribute("aria-describedby");
  if (help) editable.setAttribute("aria-describedby", help);
  editable.setAttribute("aria-multiline", "true");
}

document.addEventListener("prose-editor:ready", (event) => {
  const { editor, textarea } = event.detail;
  labelEditor(textarea, editor.view.dom);
});
