// What a full validation pays to cross into wasm and back before any rule runs, in Debian's
// Chromium on the demo origin (www/engines.html): JSON.stringify of the data, the text copied into
// wasm memory as wasm-bindgen's glue copies a string (UTF-8, TextEncoder.encodeInto), and
// JSON.parse of the result's text, beside the engine's whole `Validator.validate` and a keystroke
// (`FormSession.set`). It says how far data crossing as text lets full validation come to Ajv.
//   node bench/crossing.mjs     (after scripts/build; about 30 seconds)
import { start } from "../tests/e2e/browser.mjs";
import { dailyReport, DAILY_OPTIONS, register, REGISTER_OPTIONS } from "./data.mjs";

const env = await start();
try {
  const page = await env.browser.newPage();
  await page.goto(env.base + "/engines.html");
  const result = await page.evaluate(
    async ({ daily, dailyOptions, reg, regOptions }) => {
      const engine = await import("/static/ssf/school_safety_forms.js");
      await engine.default();
      const memory = new Uint8Array(8 << 20);
      const encoder = new TextEncoder();
      // As the glue's passStringToWasm0: ASCII by charCodeAt, the rest by encodeInto.
      const copy = (text) => {
        let at = 0;
        for (; at < text.length; at++) {
          const code = text.charCodeAt(at);
          if (code > 0x7f) break;
          memory[at] = code;
        }
        return at === text.length ? at : at + encoder.encodeInto(text.slice(at), memory.subarray(at)).written;
      };
      // What a glue of our own could do instead: the UTF-16 code units as they are, into a
      // Uint16Array view (the engine would then read JSON from &[u16]); not what ships.
      const units = new Uint16Array(memory.buffer);
      const copyUtf16 = (text) => {
        for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
        return text.length;
      };
      let sink = 0;
      const time = (op, ms) => {
        const samples = [];
        for (let round = 0; round < 9; round++) {
          let n = 0;
          const t = performance.now();
          while (performance.now() - t < ms) {
            op(n++);
          }
          samples.push((performance.now() - t) / n);
        }
        samples.sort((a, b) => a - b);
        return samples[4];
      };
      const out = {};
      for (const [name, kind, data, options, ms] of [
        ["daily report", "daily-report", daily, dailyOptions, 200],
        ["register, 1,000 rows", "risk-register", reg, regOptions, 600],
      ]) {
        const validator = new engine.Validator(kind, options);
        const resultText = JSON.stringify(validator.validate(data));
        time(() => (sink ^= validator.validate(data).valid), ms); // warm up
        out[name] = {
          stringify: time(() => (sink ^= JSON.stringify(data).length), ms),
          copy: time(() => (sink ^= copy(JSON.stringify(data))), ms),
          copyUtf16: time(() => (sink ^= copyUtf16(JSON.stringify(data))), ms),
          parseResult: time(() => (sink ^= JSON.parse(resultText) ? 1 : 0), ms),
          validate: time(() => (sink ^= validator.validate(data).valid), ms),
          bytes: JSON.stringify(data).length,
          resultBytes: resultText.length,
        };
      }
      const session = new engine.Validator("daily-report", dailyOptions).session();
      for (const [k, v] of Object.entries(daily)) if (typeof v === "string") session.set(k, v);
      for (const [c, row] of Object.entries(daily.rows)) for (const [f, v] of Object.entries(row)) session.set(`rows.${c}.${f}`, v);
      const values = ["2", "9", "6"];
      out.keystroke = time((i) => (sink ^= session.set("rows.fire.fixed", values[i % 3]) ? 1 : 0), 200);
      return { out, sink };
    },
    { daily: dailyReport(), dailyOptions: DAILY_OPTIONS, reg: register(1000), regOptions: REGISTER_OPTIONS },
  );
  const us = (ms) => (ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(2)} µs`);
  console.log("| data | JSON.stringify | + copy into wasm memory | JSON.parse of the result | crossing in all | whole Validator.validate | crossing ÷ validate | stringify + copy as UTF-16 instead (not shipped) |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const [name, r] of Object.entries(result.out)) {
    if (name === "keystroke") continue;
    const crossing = r.copy + r.parseResult;
    console.log(`| ${name} (${r.bytes} characters in, ${r.resultBytes} out) | ${us(r.stringify)} | ${us(r.copy)} | ${us(r.parseResult)} | ${us(crossing)} | ${us(r.validate)} | ${((100 * crossing) / r.validate).toFixed(0)} % | ${us(r.copyUtf16)} |`);
  }
  console.log(`\nKeystroke (FormSession.set rows.fire.fixed): ${us(result.out.keystroke)}`);
} finally {
  await env.stop();
}
