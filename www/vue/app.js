// A portal built with Vue 3 and Element Plus, as its own developers would write it: el-form with
// el-input v-model (the `name` prop gives the native inputs the portal's pinyin names), el-radio-group
// for yes/no and short choices, el-select for 护学岗 and 所在区域 (each with a hidden input bound to
// the same model: el-select's own input holds the search text, not the value), the page's own
// add/remove buttons for guard rows, and a fetch() of its model to /submit.
//
// Render functions (h()), no templates: Vue's runtime template compiler needs `new Function`, which
// the demo's CSP forbids. The drop-in is attached in onMounted with a field map and a dynamic import
// that fails open, and detached in onBeforeUnmount; the submit handler asks controller.validate().
// Bundled by scripts/build-demo.mjs into /build/vue.js.
import { createApp, defineComponent, h, nextTick, onBeforeUnmount, onMounted, reactive, ref, withModifiers } from "vue";
import { ElButton, ElConfigProvider, ElForm, ElFormItem, ElInput, ElOption, ElRadio, ElRadioGroup, ElSelect } from "element-plus";
import zhCn from "element-plus/es/locale/lang/zh-cn.mjs";
import { FIELDS } from "../checkup-fields.js"; // the portal's names → the engine's paths


const HEAD = ["tbdw", "tbsj", "xxmc", "pcs", "szqy", "fbgl", "bjan", "bjjr", "spjr", "fcz", "hxg"];
const RADIOS = ["fbgl", "bjan", "bjjr", "spjr", "fcz"]; // an unanswered radio group posts nothing, as a form would
const COLUMNS = ["xm", "cz", "nl", "sfz", "csrq"];
const TOTALS = ["ba_zs", "ba_cz", "ba_cl"];

let nextGuard = 0;
const newGuard = () => ({ id: ++nextGuard, xm: "", cz: "", nl: "", sfz: "", csrq: "" });

/** The model as the portal posts it: its own names, form-encoded. */
function toPairs(model) {
  const pairs = [];
  for (const name of HEAD) if (!(RADIOS.includes(name) && model[name] === "")) pairs.push([name, model[name]]);
  model.guards.forEach((g, i) => COLUMNS.forEach((c) => pairs.push([`guard[${i}][${c}]`, g[c]])));
  for (const name of TOTALS) pairs.push([name, model[name]]);
  return pairs;
}

/** v-model on a component, as a render function writes it. */
const vModel = (object, key) => ({ modelValue: object[key], "onUpdate:modelValue": (value) => (object[key] = value) });

const Checkup = defineComponent({
  props: { now: { type: String, default: "" } },
  setup(props) {
    const model = reactive({ ...Object.fromEntries([...HEAD, ...TOTALS].map((n) => [n, ""])), guards: [newGuard()] });
    const formRef = ref(null);
    const status = ref("");
    const answer = ref(null);
    let controller = null;
    let unmounted = false;

    onMounted(() => {
      import("/static/ssf/attach.js")
        .then(({ attach }) => (unmounted ? null : attach(formRef.value.$el, { kind: "security-checkup", profile: "jiangsu-2019", now: props.now, fields: FIELDS, ...portalSession() })))
        .then((c) => {
          if (unmounted) c?.detach();
          else controller = c;
        })
        .catch(() => {}); // without the module the form works as it always did
    });
    onBeforeUnmount(() => {
      unmounted = true;
      controller?.detach();
      controller = null;
    });

    async function submit() {
      status.value = "正在校验…";
      if (controller) {
        const result = await controller.validate();
        if (!result.valid) {
          status.value = `有 ${result.issues.filter((i) => i.severity === "error").length} 处错误，请更正后再提交`;
          return;
        }
      }
      status.value = "正在提交…";
      const response = await fetch("/submit", { method: "POST", body: new URLSearchParams(toPairs(model)) });
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      answer.value = [...page.querySelectorAll("#posted tr")].slice(1).map((tr) => [...tr.cells].map((td) => td.textContent));
      status.value = response.ok ? "已报送" : `提交失败（${response.status}）`;
    }

    async function addGuard() {
      model.guards.push(newGuard());
      await nextTick();
      formRef.value.$el.querySelector(`[name="guard[${model.guards.length - 1}][xm]"]`)?.focus();
    }
    const removeGuard = (id) => model.guards.splice(model.guards.findIndex((g) => g.id === id), 1);

    const input = (object, key, name, extra = {}) => h(ElInput, { ...vModel(object, key), name, ...extra });
    const yesNo = (name, label) => h(ElRadioGroup, { ...vModel(model, name), name, "aria-label": label }, () => ["是", "否"].map((v) => h(ElRadio, { value: v }, () => v)));
    const choice = (object, key, name, label, options) => [
      h(ElSelect, { ...vModel(object, key), placeholder: "请选择", clearable: true, "aria-label": label, class: "choice" }, () => options.map((o) => h(ElOption, { value: o, label: o }))),
      // What the drop-in reads and a form would post, bound both ways (what `v-model` on it compiles
      // to): a value the drop-in puts there (a restored draft, a pasted cell) reaches the model,
      // which Vue would otherwise render back over it at its next render.
      h("input", { type: "hidden", name, value: object[key], onInput: (e) => (object[key] = e.target.value) }),
    ];
    const item = (label, ...content) => h(ElFormItem, { label }, () => content);

    return () =>
      h(ElConfigProvider, { locale: zhCn }, () => [
        h("header", { class: "portal" }, [
          h("strong", "教育安全管理平台（Vue 3 + Element Plus 演示门户）"),
          h("span", ["服务器时间：", h("time", { id: "server-now" }, props.now)]),
          h("nav", [h("a", { href: "/" }, "日报表"), " · ", h("a", { href: "/checkup.html" }, "安防体检表（旧门户）"), " · ", h("a", { href: "/layui.html" }, "layui 门户（督查工作清单）")]),
        ]),
        h("main", [
          h("p", { class: "intro" }, [
            "本页是一个用 Vue 3 和 Element Plus 写的门户：el-form、el-input 的 v-model、el-radio-group、el-select（另有一个绑定同一字段的隐藏 input），保安员行由页面自己的按钮增删，提交时用 fetch() 发送门户自己的数据模型。校验模块在 onMounted 里以动态 import 加入，只靠一张字段映射表；算出的出生日期、年龄、合计经 input 事件进入 v-model。",
          ]),
          h(ElForm, { ref: formRef, id: "checkup", labelWidth: "10em", onSubmit: withModifiers(() => {}, ["prevent"]) }, () => [
            h("h1", "中小学幼儿园安防体检表"),
            h("div", { class: "cols" }, [
              item("填报单位", input(model, "tbdw", "tbdw")),
              item("填报时间", input(model, "tbsj", "tbsj", { placeholder: "2021-06-22" })),
              item("学校", input(model, "xxmc", "xxmc")),
              item("派出所", input(model, "pcs", "pcs")),
              item("所在区域", ...choice(model, "szqy", "szqy", "所在区域", ["城区", "乡镇农村"])),
              item("封闭化管理", yesNo("fbgl", "封闭化管理")),
              item("紧急报警按钮", h(ElRadioGroup, { ...vModel(model, "bjan"), name: "bjan", "aria-label": "紧急报警按钮" }, () => ["有效", "无效", "无"].map((v) => h(ElRadio, { value: v }, () => v)))),
              item("报警装置接入平台", yesNo("bjjr", "紧急报警装置接入公安、教育平台")),
              item("视频监控接入", yesNo("spjr", "视频监控接入")),
              item("硬质防冲撞设施", yesNo("fcz", "硬质防冲撞设施")),
              item("护学岗", ...choice(model, "hxg", "hxg", "护学岗", ["治安岗", "交警岗", "巡特警岗", "群防群治"])),
            ]),
            h("table", { class: "baoan" }, [
              h("caption", "专职保安员"),
              h("thead", h("tr", ["姓名", "持证上岗", "年龄", "公民身份号码", "出生日期"].map((t) => h("th", { scope: "col" }, t)).concat(h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "操作"))))),
              h(
                "tbody",
                { id: "guards" },
                model.guards.map((g, i) =>
                  h("tr", { key: g.id, class: "guard" }, [
                    h("td", input(g, "xm", `guard[${i}][xm]`, { "aria-label": "保安员姓名" })),
                    h("td", choice(g, "cz", `guard[${i}][cz]`, "是否持证上岗", ["是", "否"])),
                    h("td", input(g, "nl", `guard[${i}][nl]`, { "aria-label": "年龄", inputmode: "numeric" })),
                    h("td", input(g, "sfz", `guard[${i}][sfz]`, { "aria-label": "公民身份号码", autocomplete: "off" })),
                    h("td", input(g, "csrq", `guard[${i}][csrq]`, { "aria-label": "出生日期", readonly: true, tabindex: -1 })),
                    h("td", h(ElButton, { class: "remove-guard", type: "danger", link: true, onClick: () => removeGuard(g.id) }, () => "删除")),
                  ]),
                ),
              ),
              h("tfoot", h("tr", h("td", { colspan: 6 }, [
                "保安员 ", input(model, "ba_zs", "ba_zs", { readonly: true, tabindex: -1, "aria-label": "保安员总数", class: "total" }),
                " 名，其中持证 ", input(model, "ba_cz", "ba_cz", { readonly: true, tabindex: -1, "aria-label": "持证人数", class: "total" }),
                " 名，超龄 ", input(model, "ba_cl", "ba_cl", { readonly: true, tabindex: -1, "aria-label": "超龄人数", class: "total" }),
                " 名 ", h(ElButton, { id: "add-guard", size: "small", onClick: addGuard }, () => "增加保安员"),
              ]))),
            ]),
            h("p", { class: "note" }, "注：紧急报警按钮在“有效、无效、无”中择一填写；护学岗在“治安岗、交警岗、巡特警岗、群防群治”四类中择一填写。"),
            h("div", { class: "buttons" }, [h(ElButton, { type: "primary", id: "tijiao", onClick: submit }, () => "提交"), h("output", { id: "status", "aria-live": "polite" }, status.value)]),
          ]),
          answer.value &&
            h("table", { id: "answer", class: "official" }, [
              h("caption", "服务器收到的字段"),
              h("thead", h("tr", [h("th", { scope: "col" }, "name"), h("th", { scope: "col" }, "value")])),
              h("tbody", answer.value.map(([k, v], i) => h("tr", { key: i }, [h("td", k), h("td", v)]))),
            ]),
        ]),
      ]);
  },
});

const root = document.getElementById("app");
createApp(Checkup, { now: root.dataset.now }).mount(root);

/** The portal's user and per-session draft key, which a real portal's server renders into the page
 *  from its login session; the demo takes them from ?user= and ?key=. */
function portalSession() {
  const q = new URLSearchParams(location.search);
  return { user: q.get("user") || undefined, draftKey: q.get("key") || undefined };
}
