// A portal built with React, as its own developers would write it: a controlled form in the
// portal's pinyin names, its own state, its own add/remove buttons and a fetch() submit. The
// drop-in is added afterwards with a field map and a dynamic import that fails open; nothing in
// the form's markup knows about it. Bundled by scripts/build-demo.mjs into /build/react.js.
import { StrictMode, useEffect, useRef, useState } from "react";
import { createRoot } from "react-dom/client";
import { FIELDS } from "../checkup-fields.js"; // the portal's names → the engine's paths


const HEAD = ["tbdw", "tbsj", "xxmc", "pcs", "szqy", "fbgl", "bjan", "bjjr", "spjr", "fcz", "hxg"];
const COLUMNS = ["xm", "cz", "nl", "sfz", "csrq"];
const TOTALS = ["ba_zs", "ba_cz", "ba_cl"];

let nextGuard = 0;
const newGuard = () => ({ id: ++nextGuard, xm: "", cz: "", nl: "", sfz: "", csrq: "" });

/** The fields the portal posts, in page order; an unanswered radio group posts nothing, as a form would. */
function toPairs(values, guards) {
  const pairs = [];
  for (const name of HEAD) if (!(["fbgl", "bjjr", "spjr", "fcz"].includes(name) && values[name] === "")) pairs.push([name, values[name]]);
  guards.forEach((g, i) => COLUMNS.forEach((c) => pairs.push([`guard[${i}][${c}]`, g[c]])));
  for (const name of TOTALS) pairs.push([name, values[name]]);
  return pairs;
}

function YesNo({ name, label, value, onChange }) {
  return (
    <span className="yesno" role="radiogroup" aria-label={label}>
      {["是", "否"].map((v) => (
        <label key={v}>
          <input type="radio" name={name} value={v} checked={value === v} onChange={onChange} />
          {v}
        </label>
      ))}
    </span>
  );
}

function Choice({ name, label, value, onChange, options }) {
  return (
    <select name={name} aria-label={label} value={value} onChange={onChange}>
      <option value="">请选择</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
}

function Checkup({ now }) {
  const form = useRef(null);
  const controller = useRef(null);
  const [values, setValues] = useState(() => Object.fromEntries([...HEAD, ...TOTALS].map((n) => [n, ""])));
  const [guards, setGuards] = useState(() => [newGuard()]);
  const [profile, setProfile] = useState("jiangsu-2019");
  const [status, setStatus] = useState("");
  const [answer, setAnswer] = useState(null);

  // The drop-in, after the first render. `cancelled` is checked before attach(): attach() returns
  // the same attachment for the same form, so under StrictMode's mount–unmount–mount the first
  // effect must not attach (and then detach the attachment the second one is given).
  useEffect(() => {
    let cancelled = false;
    import("/static/ssf/attach.js")
      .then(({ attach }) => (cancelled ? null : attach(form.current, { kind: "security-checkup", profile, now, fields: FIELDS, ...portalSession() })))
      .then((c) => {
        if (!cancelled) controller.current = c;
      })
      .catch(() => {}); // without the module the form works as it always did
    return () => {
      cancelled = true;
      controller.current?.detach();
      controller.current = null;
    };
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- the profile switch goes through data-ssf-profile

  // The value is read in the handler, not in the updater: React runs the updater later.
  const set = (name) => (event) => {
    const value = event.target.value;
    setValues((v) => ({ ...v, [name]: value }));
  };
  const setGuard = (id, column) => (event) => {
    const value = event.target.value;
    setGuards((list) => list.map((g) => (g.id === id ? { ...g, [column]: value } : g)));
  };

  // The portal posts with fetch() from its own handler, so the browser's form submission (and the
  // drop-in's submit check) never runs: the handler asks the drop-in first.
  async function submit(event) {
    event?.preventDefault();
    const c = controller.current;
    if (c) {
      const result = await c.validate();
      if (!result.valid) {
        const errors = result.issues.filter((i) => i.severity === "error").length;
        setStatus(`有 ${errors} 处错误，请更正后再提交`); // the drop-in's summary has the focus
        return;
      }
    }
    setStatus("正在提交…");
    const response = await fetch("/submit", { method: "POST", body: new URLSearchParams(toPairs(values, guards)) });
    if (response.ok) c?.submitted(); // the server has it: the local draft can go
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    setAnswer([...page.querySelectorAll("#posted tr")].slice(1).map((tr) => [...tr.cells].map((td) => td.textContent)));
    setStatus(response.ok ? "已报送" : `提交失败（${response.status}）`);
  }

  return (
    <>
      <header className="portal">
        <strong>教育安全管理平台（React 演示门户）</strong>
        <label>
          校验配置：
          <select id="profile-switch" aria-label="校验配置" value={profile} onChange={(e) => setProfile(e.target.value)}>
            <option value="jiangsu-2019">江苏 2019（保安员原则上不超过50周岁）</option>
            <option value="tianjin-jizhou-2021">蓟州 2021（至少2名保安）</option>
            <option value="zhejiang-wenzhou-2021">温州 2021</option>
            <option value="zhejiang-suichang-2016">遂昌 2016</option>
          </select>
        </label>
        <span>
          服务器时间：<time id="server-now">{now}</time>
        </span>
        <nav>
          <a href="/">日报表</a> · <a href="/checkup.html">安防体检表（旧门户）</a> · <a href="/checklist.html">督查工作清单</a>
        </nav>
      </header>
      <main>
        <p className="intro">
          本页是一个用 React 写的门户：受控表单、门户自己的 state 与字段名（<code>guard[0][xm]</code>…），增删保安员由 React 按 key 重绘，提交用 <code>fetch()</code>。
          校验模块在首次渲染后以动态 import 加载，只靠一张字段映射表；计算出的出生日期、年龄、合计经 input 事件进入 React 的 state。
        </p>
        <form id="checkup" ref={form} method="post" action="/submit" data-ssf-profile={profile} onSubmit={submit} data-guards={guards.length}>
          <h1>中小学幼儿园安防体检表</h1>
          <div className="head">
            <label>
              填报单位：<input name="tbdw" size="24" value={values.tbdw} onChange={set("tbdw")} />
            </label>
            <label>
              填报时间：<input name="tbsj" size="14" placeholder="2021-06-22" value={values.tbsj} onChange={set("tbsj")} />
            </label>
          </div>
          <table className="official">
            <tbody>
              <tr>
                <th scope="row">学校</th>
                <td><input name="xxmc" size="20" aria-label="学校" value={values.xxmc} onChange={set("xxmc")} /></td>
                <th scope="row">派出所</th>
                <td><input name="pcs" size="16" aria-label="派出所" value={values.pcs} onChange={set("pcs")} /></td>
              </tr>
              <tr>
                <th scope="row">所在区域</th>
                <td><Choice name="szqy" label="所在区域" value={values.szqy} onChange={set("szqy")} options={["城区", "乡镇农村"]} /></td>
                <th scope="row">封闭化管理</th>
                <td><YesNo name="fbgl" label="封闭化管理" value={values.fbgl} onChange={set("fbgl")} /></td>
              </tr>
              <tr>
                <th scope="row">紧急报警按钮</th>
                <td><Choice name="bjan" label="紧急报警按钮" value={values.bjan} onChange={set("bjan")} options={["有效", "无效", "无"]} /></td>
                <th scope="row">紧急报警装置接入公安、教育平台</th>
                <td><YesNo name="bjjr" label="紧急报警装置接入" value={values.bjjr} onChange={set("bjjr")} /></td>
              </tr>
              <tr>
                <th scope="row">视频监控接入</th>
                <td><YesNo name="spjr" label="视频监控接入" value={values.spjr} onChange={set("spjr")} /></td>
                <th scope="row">硬质防冲撞设施</th>
                <td><YesNo name="fcz" label="硬质防冲撞设施" value={values.fcz} onChange={set("fcz")} /></td>
              </tr>
              <tr>
                <th scope="row">护学岗</th>
                <td colSpan={3}><Choice name="hxg" label="护学岗" value={values.hxg} onChange={set("hxg")} options={["治安岗", "交警岗", "巡特警岗", "群防群治"]} /></td>
              </tr>
            </tbody>
          </table>
          <table className="official guards">
            <caption>专职保安员</caption>
            <thead>
              <tr>
                <th scope="col">姓名</th>
                <th scope="col">持证上岗</th>
                <th scope="col">年龄</th>
                <th scope="col">公民身份号码</th>
                <th scope="col">出生日期</th>
                <th scope="col"><span className="visually-hidden">操作</span></th>
              </tr>
            </thead>
            <tbody id="guards">
              {guards.map((g, i) => (
                <tr className="guard" key={g.id} data-guard={g.id}>
                  <td><input name={`guard[${i}][xm]`} aria-label="保安员姓名" value={g.xm} onChange={setGuard(g.id, "xm")} /></td>
                  <td><Choice name={`guard[${i}][cz]`} label="是否持证上岗" value={g.cz} onChange={setGuard(g.id, "cz")} options={["是", "否"]} /></td>
                  <td><input name={`guard[${i}][nl]`} inputMode="numeric" aria-label="年龄" value={g.nl} onChange={setGuard(g.id, "nl")} /></td>
                  <td><input name={`guard[${i}][sfz]`} autoComplete="off" aria-label="公民身份号码" value={g.sfz} onChange={setGuard(g.id, "sfz")} /></td>
                  <td><input name={`guard[${i}][csrq]`} readOnly tabIndex={-1} aria-label="出生日期" value={g.csrq} onChange={setGuard(g.id, "csrq")} /></td>
                  <td>
                    <button type="button" className="remove-guard" onClick={() => setGuards((list) => list.filter((x) => x.id !== g.id))}>
                      删除
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td colSpan={6}>
                  保安员 <input name="ba_zs" readOnly tabIndex={-1} size="3" aria-label="保安员总数" value={values.ba_zs} onChange={set("ba_zs")} /> 名，其中持证{" "}
                  <input name="ba_cz" readOnly tabIndex={-1} size="3" aria-label="持证人数" value={values.ba_cz} onChange={set("ba_cz")} /> 名，超龄{" "}
                  <input name="ba_cl" readOnly tabIndex={-1} size="3" aria-label="超龄人数" value={values.ba_cl} onChange={set("ba_cl")} /> 名{" "}
                  <button type="button" id="add-guard" data-ssf-add="guards" onClick={() => setGuards((list) => [...list, newGuard()])}>
                    增加保安员
                  </button>
                </td>
              </tr>
            </tfoot>
          </table>
          <p className="note">注：紧急报警按钮在“有效、无效、无”中择一填写；护学岗在“治安岗、交警岗、巡特警岗、群防群治”四类中择一填写。</p>
          <button type="button" id="submit" onClick={submit}>
            提交
          </button>{" "}
          <output id="status" aria-live="polite">
            {status}
          </output>
        </form>
        {answer && (
          <table id="answer" className="official">
            <caption>服务器收到的字段</caption>
            <thead>
              <tr>
                <th scope="col">name</th>
                <th scope="col">value</th>
              </tr>
            </thead>
            <tbody>
              {answer.map(([k, v], i) => (
                <tr key={i}>
                  <td>{k}</td>
                  <td>{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </>
  );
}

const root = document.getElementById("root");
createRoot(root).render(
  <StrictMode>
    <Checkup now={root.dataset.now} />
  </StrictMode>,
);

/** The portal's user and per-session draft key, which a real portal's server renders into the page
 *  from its login session; the demo takes them from ?user= and ?key=. */
function portalSession() {
  const q = new URLSearchParams(location.search);
  return { user: q.get("user") || undefined, draftKey: q.get("key") || undefined };
}
