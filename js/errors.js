// Errors the portal hears about: a portal's own onError that fails is not the page's problem.

/** Hands `error` to the portal's `onError`, never letting that handler throw into the page. */
export function report(config, error) {
  try {
    config.onError(error);
  } catch {
    // Nothing more to do without disturbing the page.
  }
}
