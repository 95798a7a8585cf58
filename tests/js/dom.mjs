// A DOM for the drop-in's modules in Node (happy-dom from npm): one window whose classes and helpers
// the modules read as globals, as they do in a browser. Import this before any module of js/.
import { Window } from "happy-dom";

export const window = new Window({ url: "http://localhost/" });
export const document = window.document;
for (const name of ["HTMLFormElement", "HTMLInputElement", "Element", "Node", "Event", "KeyboardEvent", "CSS", "CSSStyleSheet", "MutationObserver", "requestAnimationFrame"]) {
  globalThis[name] ??= window[name];
}

/** A fresh form in the document from markup the test writes (never user text). */
export function form(html) {
  document.body.innerHTML = `<form>${html}</form>`;
  return document.querySelector("form");
}
