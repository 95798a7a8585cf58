// The demo's stand-in for a portal's server, which renders the per-session draft key into the form
// itself (data-ssf-draft-key="…", derived from the login session, for example an HMAC of the
// session id). Here `?key=` plays that part so the tests can be two sessions or a wrong key; a real
// portal never puts the key in a URL. A classic script, so it runs before the drop-in's module.
{
  const key = new URLSearchParams(location.search).get("key");
  if (key) for (const form of document.querySelectorAll("form[data-ssf-form]")) form.setAttribute("data-ssf-draft-key", key);
}
