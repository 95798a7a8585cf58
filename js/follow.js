// Following what the controls hold, whatever set it. Typing fires events; a portal script setting
// `.value`, jQuery's `.val()`, Vue re-using a row's inputs in place or a date picker's panel do not.
// So each mapped control gets an accessor of its own for `value` (`checked` for radios and
// checkboxes) that calls the one it had (the prototype's native one, or a framework's own, such as
// React's value tracker) and then tells the form view which control changed. The view reads those
// controls once, in a microtask after the script's run of writes, so the work is proportional to
// what the script changed, never to the size of the form.
//
// Writes this accessor cannot see (a select's `option.selected`, a `defaultValue` or `value`
// attribute on a control not yet edited, the prototype's setter called directly) are caught by the
// full re-read the view does before every submit, `ready()`, `check()` and `validate()`.

/** control → { prop, own, notice }: the property followed and the own descriptor it had before. */
const hooks = new WeakMap();

const followed = (el) => (el.type === "radio" || el.type === "checkbox" ? "checked" : "value");

/** The descriptor of `prop` that `el` answers with now: its own, or the nearest prototype's. */
function descriptorOf(el, prop) {
  for (let o = el; o; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, prop);
    if (d) return d;
  }
  return undefined;
}

/**
 * Calls `notice(el)` after every write of `el`'s value by anything but typing. Following an element
 * again only changes whom it tells.
 * @param {Element} el
 * @param {(el: Element) => void} notice
 */
export function follow(el, notice) {
  const hook = hooks.get(el);
  if (hook) {
    hook.notice = notice;
    return;
  }
  const prop = followed(el);
  const own = Object.getOwnPropertyDescriptor(el, prop);
  const base = descriptorOf(el, prop);
  // An accessor a page made unconfigurable, or a plain data property: left alone (the full re-read
  // before a submit still finds its value).
  if (!base?.get || !base?.set || (own && !own.configurable)) return;
  const mine = { prop, own, notice, set: null };
  const accessor = {
    configurable: true,
    enumerable: base.enumerable,
    get() {
      return base.get.call(this);
    },
    set(value) {
      base.set.call(this, value);
      try {
        mine.notice?.(this);
      } catch {
        // Following never breaks the page's own write.
      }
    },
  };
  mine.set = accessor.set;
  hooks.set(el, mine);
  Object.defineProperty(el, prop, accessor);
}

/** Gives `el` back the property it had before `follow`. */
export function unfollow(el) {
  const hook = hooks.get(el);
  if (!hook) return;
  hooks.delete(el);
  hook.notice = null;
  // Only our own accessor is taken away: one a framework put over it since stays as it is.
  const now = Object.getOwnPropertyDescriptor(el, hook.prop);
  if (!now || now.set !== hook.set) return;
  if (hook.own) Object.defineProperty(el, hook.prop, hook.own);
  else delete el[hook.prop];
}
