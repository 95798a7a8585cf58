// The `normalise` option (off by default): what the officer typed is written back in its canonical
// form when a field is left, so a backend that expects ASCII digits or ISO dates receives them.
// Loaded only on pages that turn the option on. The engine's canonical() does the reading.

/** Writes the canonical form of what the officer left in a field (`normalise` option): ASCII
 *  digits, ISO dates or the portal's date format, so a strict backend receives them. */
export function canonicalise(view, el) {
  const path = view.pathOf.get(el);
  if (path === undefined || !view.session || el.readOnly || el.tagName === "SELECT" || el.type === "radio" || el.type === "checkbox") return;
  const type = view.describe(path)?.type;
  let text = view.m.canonical?.(type, el.value);
  if (text === undefined || text === null) return;
  const format = view.config.normalise?.date;
  if (type === "date" && typeof format === "string") {
    const [y, m, d] = text.split("-");
    text = format.replace(/YYYY|MM|DD|M|D/g, (t) => ({ YYYY: y, MM: m, DD: d, M: String(Number(m)), D: String(Number(d)) })[t]);
  }
  if (text === el.value) return;
  view.write([el], text, text);
  view.session.set(path, view.read(path, view.fields.get(path), null));
  view.drafts.changed();
}
