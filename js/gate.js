// The submit gate: the form goes only when the engine, on the values the controls hold now, finds no
// error, and warnings have been shown once. It stands before the browser's own check (every control
// read on the officer's click or Enter), before the portal's own submit handlers (capture phase),
// and behind controller.check() and ready() for portals that send by script.

import { SUBMITTER } from "./fields.js";

export class SubmitGate {
  /** @param {import("./view.js").FormView} view */
  constructor(view) {
    this.view = view;
    this.confirmed = new Set(); // warnings the officer has been asked to confirm (path + code)
  }

  /** Listens on the form (through the view's `on`, so detach removes it all). */
  listen(on) {
    const form = this.view.form;
    // Which submit attempts are the officer's (a click or Enter), not a script's checkValidity().
    // The browser checks the controls' validity before it fires `submit`: every control is read
    // first, so no custom validity left from a value the control no longer holds refuses a valid form.
    on(form, "click", (event) => {
      const submitter = event.target.closest?.(SUBMITTER);
      if (!submitter) return;
      this.attemptAt = performance.now();
      this.submitter = submitter;
      if (!submitter.formNoValidate) this.view.settle(true);
    }, true);
    on(form, "keydown", (event) => {
      if (event.key !== "Enter" || event.target.tagName !== "INPUT") return;
      this.attemptAt = performance.now();
      this.view.settle(true);
    }, true);
    // The browser refused a submit (a custom validity stands): every message, and the summary.
    on(form, "invalid", (event) => this.invalid(event), true);
    // In the capture phase: before a portal's own submit handler on the form (a jQuery or fetch
    // handler registered before the drop-in attached), which must not send while an error stands.
    on(form, "submit", (event) => this.submit(event), true);
  }

  /** For a portal that sends by script: `{ ok, errors, warnings }` for the values the controls hold
   *  now, asking about warnings once as a submit would. */
  check() {
    const v = this.view;
    // The button the portal's handler runs for, so the summary's 仍要报送 can press it again.
    const active = v.doc.activeElement;
    if (active && v.form.contains(active) && (active.tagName === "BUTTON" || /^(submit|button|image)$/.test(active.type))) this.submitter = active;
    v.settle(true);
    const ok = this.mayGo();
    const { issues } = v.session.result();
    return { ok, errors: issues.filter((i) => i.severity === "error"), warnings: issues.filter((i) => i.severity === "warning") };
  }

  submit(event) {
    // A save-draft button (暂存, formnovalidate) posts as it always did, errors or not.
    if (event.submitter?.formNoValidate || !this.view.session) return;
    this.view.settle(true);
    if (this.mayGo()) return;
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  /** The browser found a field invalid: a submit attempt it refuses, or a script's checkValidity(). */
  invalid(event) {
    // A script's checkValidity() or requestSubmit(): every control read once for this round of
    // `invalid` events, so the next attempt meets what the controls hold.
    if (!this.settledForInvalid) {
      this.settledForInvalid = true;
      setTimeout(() => (this.settledForInvalid = false), 0);
      this.view.settle(true);
    }
    // On the officer's own submit attempt, our errors are told by the summary, which takes the
    // focus (the GOV.UK pattern), rather than by the browser's bubble on the first field.
    const bySubmit = this.attemptAt !== undefined && performance.now() - this.attemptAt < 1000;
    if (bySubmit && this.view.pathOf.has(event.target) && this.view.messages.ours(event.target)) event.preventDefault();
    else if (bySubmit) this.foreignInvalid = true; // the portal's own constraint: the browser shows it
    this.attempted(bySubmit);
  }

  /** A submit attempt the browser refused: once per attempt, everything shows, summary included. */
  attempted(focus = false) {
    if (!(this.view.revealed && this.view.summary.open === true)) {
      this.view.revealed = true;
      this.view.summary.open = true;
      this.view.messages.renderAll();
    }
    if (focus && !this.focusQueued) {
      this.focusQueued = true;
      setTimeout(() => {
        this.focusQueued = false;
        if (!this.foreignInvalid) this.view.summary.focus();
        this.foreignInvalid = false;
        this.attemptAt = undefined;
      }, 0);
    }
  }

  /** Whether the form may be sent now. If not (an error stands, or warnings the officer has not
   *  been asked about yet), every message shows and the summary, focused, says why. Warnings
   *  never block: they are asked about once; the next attempt sends. */
  mayGo() {
    this.view.tick();
    let open = null;
    if (this.view.session.hasErrors()) open = true;
    else if (this.view.config.confirmWarnings !== false) {
      const fresh = [];
      for (const list of this.view.issues.values()) for (const i of list) if (i.severity === "warning" && !this.confirmed.has(`${i.path}\u0000${i.code}`)) fresh.push(i);
      if (fresh.length) {
        for (const i of fresh) this.confirmed.add(`${i.path}\u0000${i.code}`);
        open = "warnings";
      }
    }
    if (!open) return true;
    this.view.revealed = true;
    this.view.summary.open = open;
    this.view.messages.renderAll();
    // The summary takes the focus; its links take the officer to each field.
    this.view.summary.focus();
    return false;
  }

  /** The warnings summary's 仍要报送: the officer's last submit, again (the warnings now seen). */
  sendAgain() {
    const submitter = this.submitter;
    if (submitter?.isConnected && this.view.form.contains(submitter)) submitter.click();
    else HTMLFormElement.prototype.requestSubmit.call(this.view.form);
  }
}
