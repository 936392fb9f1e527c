// The rich-text editor's "Image" button and node: a picture chosen from the image library.
//
// The body stores only <figure data-image="ID"></figure> (library/inline.py says why); the public
// page looks the picture up when it renders. In the editor the node shows a thumbnail and the
// title, fetched from the library's admin (ImageAdmin.chooser_preview). It is one atom: arrow
// keys select it, Backspace or Delete remove it.
//
// Choosing: the button opens the library's own list as Django's raw-id lookup popup. Picking a
// row there calls opener.dismissRelatedLookupPopup(window, id) (admin/RelatedObjectLookups.js),
// which writes the id into the element whose id is the popup window's name (less its "__1") and
// fires "change" through jQuery, which also runs the element's onchange property.
import { Node } from "django-prose-editor/editor"

const CHOICE_ID = "library_image_choice"

function choiceInput() {
  let input = document.getElementById(CHOICE_ID)
  if (!input) {
    input = document.createElement("input")
    input.type = "hidden"
    input.id = CHOICE_ID
    document.body.append(input)
  }
  return input
}

function chooseImage(editor, changelistUrl) {
  const input = choiceInput()
  input.value = ""
  input.onchange = () => {
    const id = input.value.trim()
    if (/^\d+$/.test(id)) editor.chain().focus().insertLibraryImage(id).run()
  }
  const url = new URL(changelistUrl, window.location.href)
  url.searchParams.set("_popup", "1")
  url.searchParams.set("_to_field", "id")
  const popup = window.open(url, `${CHOICE_ID}__1`, "height=600,width=900,resizable=yes,scrollbars=yes")
  popup?.focus()
}

function nodeView(changelistUrl) {
  return ({ node }) => {
    const id = String(node.attrs.image || "")
    const dom = document.createElement("figure")
    dom.className = "library-image-node"
    dom.dataset.image = id
    const img = document.createElement("img")
    img.className = "library-image-node__thumb"
    img.alt = ""
    const label = document.createElement("figcaption")
    label.className = "library-image-node__label"
    label.textContent = `Library image ${id}`
    dom.append(img, label)
    if (/^\d+$/.test(id)) {
      fetch(new URL(`${id}/chooser-preview/`, new URL(changelistUrl, window.location.href)), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
        .then((data) => {
          if (data.thumbnail) img.src = data.thumbnail
          img.alt = data.alt || ""
          label.textContent = `Library image: ${data.title}`
        })
        .catch(() => {
          label.textContent = `Library image ${id} is missing: it will not be shown`
          dom.classList.add("library-image-node--missing")
        })
    }
    return { dom }
  }
}

export const LibraryImage = Node.create({
  name: "libraryImage",
  group: "block",
  atom: true,
  selectable: true,
  draggable: true,

  addOptions() {
    return { changelistUrl: "/admin/library/image/" }
  },

  addAttributes() {
    return {
      image: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-image"),
        renderHTML: (attributes) => ({ "data-image": attributes.image }),
      },
    }
  },

  parseHTML() {
    // Above the plain figure: a figure with data-image is always a library image.
    return [{ tag: "figure[data-image]", priority: 60 }]
  },

  renderHTML({ HTMLAttributes }) {
    return ["figure", { "data-image": HTMLAttributes["data-image"] }]
  },

  addNodeView() {
    return nodeView(this.options.changelistUrl)
  },

  addCommands() {
    return {
      // The cursor goes on after the picture, into the next paragraph (a new one at the end of
      // the body), so typing on does not replace the picture that insertContent leaves selected.
      insertLibraryImage:
        (id) =>
        ({ chain }) =>
          chain()
            .insertContent({ type: this.name, attrs: { image: String(id) } })
            .command(({ tr, commands }) => {
              const end = tr.selection.to
              if (tr.doc.resolve(end).nodeAfter?.isTextblock) return commands.setTextSelection(end + 1)
              return commands.insertContentAt(end, { type: "paragraph" }) && commands.setTextSelection(end + 1)
            })
            .run(),
    }
  },

  addMenuItems({ buttons, menu }) {
    menu.defineItem({
      name: "libraryImage",
      groups: "nodes",
      button: buttons.material("image", "Image"),
      command: (editor) => chooseImage(editor, this.options.changelistUrl),
    })
  },
})
