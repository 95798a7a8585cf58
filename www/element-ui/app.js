// A RuoYi-style admin page written with Vue 2.7 and Element UI 2.15, as such a portal's own
// developers write it: the risk register (风险隐患排查表) as an el-table WITHOUT row-key (RuoYi's
// habit, so Vue re-uses a row's cells in place when an earlier row is deleted), each cell an
// el-input, el-select or el-date-picker (value-format yyyy-MM-dd); the unit picked in an el-cascader;
// the status an el-select whose options carry the portal's own dictionary codes ("0" 正在整改中,
// "1" 已完成), as RuoYi's sys_dict_data does; add and delete buttons on the page; the model posted
// by script (a fetch of the form-encoded model, as RuoYi's axios request would send it).
//
// el-select and el-cascader hold their value in Vue alone (their own input shows the label), so
// the page puts a hidden input bound to the same model right after each: what the drop-in maps
// and reads. 逾期 is such a hidden input too, which the drop-in fills (its computed rows[i].overdue,
// written back as the portal's 1/0 through the field map's values) and the page posts.
//
// Render functions, not templates: Vue 2's template compiler needs `new Function`, which the demo's
// CSP forbids, so the page is bundled against Vue's runtime-only build (scripts/build-demo.mjs).
// The drop-in comes in with a dynamic import that fails open, in `mounted`, and goes in
// `beforeDestroy`; the submit asks `controller.check()` first, then the el-form's own rules (RuoYi
// keeps a few on every form's header).
import Vue from "vue";
import ElementUI from "element-ui";

Vue.use(ElementUI, { size: "small" }); // as RuoYi's main.js does

/** The portal's names (Spring's yh[0].zt binding) → the engine's paths; the status and 逾期 codes
 *  are the portal's own, mapped both ways. */
const FIELDS = {
  tbdw: "unit",
  tbsj: "report_date",
  "yh[i].pcs": "rows[i].police_station",
  "yh[i].yhms": "rows[i].description",
  "yh[i].dd": "rows[i].place",
  "yh[i].lb": "rows[i].category",
  "yh[i].fxrq": "rows[i].found_on",
  "yh[i].zgcs": "rows[i].measures",
  "yh[i].zrr": "rows[i].responsible",
  "yh[i].zgsx": "rows[i].deadline",
  "yh[i].dbr": "rows[i].supervisor",
  "yh[i].zt": { path: "rows[i].status", values: { 0: "in_progress", 1: "done" } },
  "yh[i].wcrq": "rows[i].completed_on",
  "yh[i].lsfs": "rows[i].interim_measures",
  // A computed boolean: the drop-in writes "true"/"false", which the portal posts as 1/0.
  "yh[i].yq": { path: "rows[i].overdue", values: { 1: "true", 0: "false" } },
  hj_fx: "totals.found",
  hj_wc: "totals.done",
  hj_zg: "totals.in_progress",
  hj_yq: "totals.overdue",
  jcr: "inspected_by",
  qzr: "signed_by",
};

/** The portal's dictionary (RuoYi's sys_dict_data for 隐患整改情况). */
const STATUS = [
  { value: "0", label: "正在整改中" },
  { value: "1", label: "已完成" },
];
const CATEGORIES = ["校舍安全", "燃气安全", "校园安防", "消防安全", "交通安全", "食品安全与卫生", "实验室安全", "校园周边环境", "学校搬迁改造", "教职工待遇", "入学入园", "师生心理疾病", "易肇事肇祸精神障碍患者", "吸毒人员", "刑满释放人员", "心态失衡、扬言报复社会人员", "其他"];
/** The units a district officer may report for (RuoYi's dept tree), picked in an el-cascader. */
const UNITS = [
  { value: "南京市玄武区", label: "玄武区", children: ["南京市玄武区教育局", "南京市玄武区测试小学", "南京市玄武区测试中学"].map((u) => ({ value: u, label: u.slice(6) })) },
  { value: "南京市秦淮区", label: "秦淮区", children: ["南京市秦淮区教育局", "南京市秦淮区测试小学"].map((u) => ({ value: u, label: u.slice(6) })) },
];

/** The page's own el-form rules, as RuoYi writes them for a form's header: Element checks them when
 *  a field is left or changed and on submit, beside the drop-in's. */
const RULES = {
  tbdw: [{ required: true, message: "填报单位不能为空", trigger: "change" }],
  jcr: [{ required: true, message: "检查人不能为空", trigger: "blur" }],
  qzr: [{ required: true, message: "签字人不能为空", trigger: "blur" }],
};

const COLUMNS = ["pcs", "yhms", "dd", "lb", "fxrq", "zgcs", "zrr", "zgsx", "dbr", "zt", "wcrq", "lsfs", "yq"];
const newRow = () => Object.fromEntries(COLUMNS.map((c) => [c, ""]));

/** The model as the portal posts it: its own names, form-encoded (Spring binds yh[0].zt). */
function toPairs(form) {
  const text = (v) => (v === null || v === undefined ? "" : String(v)); // a cleared picker gives null
  const pairs = [["tbdw", text(form.tbdw)], ["tbsj", text(form.tbsj)]];
  form.yh.forEach((row, i) => COLUMNS.forEach((c) => pairs.push([`yh[${i}].${c}`, text(row[c])])));
  for (const name of ["hj_fx", "hj_wc", "hj_zg", "hj_yq", "jcr", "qzr"]) pairs.push([name, text(form[name])]);
  return pairs;
}

const Register = {
  name: "RiskRegister",
  props: { now: { type: String, default: "" } },
  data() {
    return {
      form: { tbdw: "", tbsj: "", yh: [newRow()], hj_fx: "", hj_wc: "", hj_zg: "", hj_yq: "", jcr: "", qzr: "" },
      status: "",
      answer: null,
    };
  },
  computed: {
    /** The calendar a date picker opens on: the server's month, not this PC's (its clock may be off). */
    serverDay() {
      const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(this.now);
      return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : new Date();
    },
  },
  created() {
    this.controller = null; // not reactive: the drop-in's controller is no part of the model
    this.destroyed = false;
  },
  mounted() {
    import("/static/ssf/attach.js")
      .then(({ attach }) => (this.destroyed ? null : attach(this.$refs.form.$el, { kind: "risk-register", profile: "jiangsu-2019", now: this.now, fields: FIELDS, ...portalSession() })))
      .then((c) => {
        if (this.destroyed) c?.detach();
        else this.controller = c;
      })
      .catch(() => {}); // without the module the form works as it always did
  },
  beforeDestroy() {
    this.destroyed = true;
    this.controller?.detach();
    this.controller = null;
  },
  methods: {
    handleAdd() {
      this.form.yh.push(newRow());
    },
    /** RuoYi's row delete: splice the model. Without row-key el-table keeps the first rows' cells and
     *  Vue rewrites their values in place; the drop-in is told to read the form again once Vue has
     *  rendered, where a Vue developer puts that call. */
    handleDelete(index) {
      this.form.yh.splice(index, 1);
      this.$nextTick(() => this.controller?.sync());
    },
    async submitForm() {
      this.status = "正在校验…";
      const c = this.controller;
      if (c) {
        const { ok, errors, warnings } = await c.check();
        if (!ok) {
          this.status = errors.length ? `有 ${errors.length} 处错误，请更正后再提交` : `有 ${warnings.length} 条提示，请确认后再次提交`;
          return;
        }
      }
      // Then the page's own rules, as RuoYi's submitForm asks them.
      if (!(await new Promise((done) => this.$refs.form.validate(done)))) {
        this.status = "请更正表单中的错误";
        return;
      }
      this.status = "正在提交…";
      const response = await fetch("/submit", { method: "POST", body: new URLSearchParams(toPairs(this.form)) });
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      this.answer = [...page.querySelectorAll("#posted tr")].slice(1).map((tr) => [...tr.cells].map((td) => td.textContent));
      this.status = response.ok ? "已报送" : `提交失败（${response.status}）`;
      if (response.ok) c?.submitted();
    },
  },
  render(h) {
    const form = this.form;
    /** v-model on an Element UI component, as a template compiles it. */
    const model = (object, key) => ({ props: { value: object[key] }, on: { input: (v) => (object[key] = v) } });
    // Element UI 2's el-input writes its `label` prop as the native input's aria-label (over $attrs).
    const input = (object, key, name, attrs = {}) => h("el-input", { props: { value: object[key], label: attrs["aria-label"] }, on: model(object, key).on, attrs: { name, ...attrs } });
    /** A hidden input bound both ways to the same model (what `v-model` on it compiles to): what the
     *  drop-in reads, what a form would post, and how a value the drop-in writes (a computed 逾期, a
     *  restored draft) reaches the model. */
    const carrier = (object, key, name) => h("input", { attrs: { type: "hidden", name }, domProps: { value: object[key] ?? "" }, on: { input: (e) => (object[key] = e.target.value) } });
    const date = (object, key, name, label) =>
      h("el-date-picker", { ...model(object, key), props: { value: object[key], type: "date", valueFormat: "yyyy-MM-dd", placeholder: "选择日期", defaultValue: this.serverDay, name }, attrs: { "aria-label": label }, class: "date" });
    const select = (object, key, name, label, options) => [
      h("el-select", { ...model(object, key), props: { value: object[key], placeholder: "请选择", clearable: true }, attrs: { "aria-label": label }, class: "choice" }, options.map((o) => h("el-option", { key: o.value, props: o }))),
      carrier(object, key, name),
    ];
    const column = (label, width, cell) => h("el-table-column", { props: { label, minWidth: width }, scopedSlots: { default: ({ row, $index }) => cell(row, $index) } });
    const item = (label, prop, ...content) => h("el-form-item", { props: { label, prop } }, content);

    return h("div", { class: "app-container" }, [
      h("header", { class: "portal" }, [
        h("strong", "教育安全管理平台（Vue 2 + Element UI 演示门户，若依风格）"),
        h("span", ["服务器时间：", h("time", { attrs: { id: "server-now" } }, this.now)]),
        h("nav", [h("a", { attrs: { href: "/" } }, "日报表"), " · ", h("a", { attrs: { href: "/register.html" } }, "风险隐患排查表（旧门户）"), " · ", h("a", { attrs: { href: "/vue.html" } }, "Vue 3 + Element Plus 门户")]),
      ]),
      h("main", [
        h("p", { class: "intro" }, [
          "本页是一个用 Vue 2.7 和 Element UI 2.15 写的若依（RuoYi）风格管理页：风险隐患排查表是一个不设 row-key 的 el-table，单元格里是 el-input、el-select（整改情况提交门户自己的字典码 0/1）和 el-date-picker；填报单位用 el-cascader 选。行由页面按钮增删，提交时先问 controller.check()，再用 fetch 发送门户自己的数据模型。校验模块在 mounted 里以动态 import 加入，只靠一张字段映射表。",
        ]),
        h("el-form", { ref: "form", attrs: { id: "register" }, props: { model: form, rules: RULES, labelWidth: "6em" }, nativeOn: { submit: (e) => e.preventDefault() } }, [
          h("h1", "中小学幼儿园风险隐患排查表"),
          h("div", { class: "head" }, [
            item("填报单位", "tbdw", h("el-cascader", { ...model(form, "tbdw"), props: { value: form.tbdw, options: UNITS, props: { emitPath: false }, clearable: true, placeholder: "请选择单位" }, class: "unit" }), carrier(form, "tbdw", "tbdw")),
            item("填报时间", undefined, date(form, "tbsj", "tbsj", "填报时间")),
          ]),
          h("div", { class: "toolbar" }, [h("el-button", { attrs: { id: "add-row", "data-ssf-add": "rows" }, props: { type: "primary", plain: true, icon: "el-icon-plus" }, on: { click: this.handleAdd } }, "新增隐患")]),
          h("el-table", { ref: "table", attrs: { id: "yh" }, props: { data: form.yh, border: true } }, [
            h("el-table-column", { props: { type: "index", label: "序号", width: 50 } }),
            column("派出所", 130, (row, i) => input(row, "pcs", `yh[${i}].pcs`, { "aria-label": "派出所" })),
            column("涉校风险隐患", 170, (row, i) => input(row, "yhms", `yh[${i}].yhms`, { "aria-label": "隐患描述" })),
            column("地点", 110, (row, i) => input(row, "dd", `yh[${i}].dd`, { "aria-label": "地点" })),
            column("类别", 150, (row, i) => select(row, "lb", `yh[${i}].lb`, "隐患类别", CATEGORIES.map((c) => ({ value: c, label: c })))),
            column("发现日期", 150, (row, i) => date(row, "fxrq", `yh[${i}].fxrq`, "发现日期")),
            column("整改措施", 160, (row, i) => input(row, "zgcs", `yh[${i}].zgcs`, { "aria-label": "整改措施" })),
            column("责任人", 100, (row, i) => input(row, "zrr", `yh[${i}].zrr`, { "aria-label": "责任人" })),
            column("整改时限", 150, (row, i) => date(row, "zgsx", `yh[${i}].zgsx`, "整改时限")),
            column("督办人", 100, (row, i) => input(row, "dbr", `yh[${i}].dbr`, { "aria-label": "督办人" })),
            column("整改情况", 130, (row, i) => select(row, "zt", `yh[${i}].zt`, "隐患整改情况", STATUS)),
            column("完成日期", 150, (row, i) => date(row, "wcrq", `yh[${i}].wcrq`, "完成日期")),
            column("临时强化防范措施", 160, (row, i) => input(row, "lsfs", `yh[${i}].lsfs`, { "aria-label": "临时强化防范措施" })),
            column("逾期", 60, (row, i) => [
              h("span", { class: "overdue" }, row.yq === "1" ? "是" : row.yq === "0" ? "否" : ""),
              carrier(row, "yq", `yh[${i}].yq`), // the drop-in writes it, with an input event
            ]),
            h("el-table-column", { props: { label: "操作", width: 70 }, scopedSlots: { default: ({ $index }) => h("el-button", { class: "remove-row", props: { type: "text", icon: "el-icon-delete" }, on: { click: () => this.handleDelete($index) } }, "删除") } }),
          ]),
          h("fieldset", { class: "statistics" }, [
            h("legend", "合计（战果统计）"),
            "排查风险隐患 ", input(form, "hj_fx", "hj_fx", { readonly: true, tabindex: "-1", "aria-label": "排查风险隐患合计" }),
            " 个，其中已完成整改 ", input(form, "hj_wc", "hj_wc", { readonly: true, tabindex: "-1", "aria-label": "已完成整改合计" }),
            " 个，正在整改 ", input(form, "hj_zg", "hj_zg", { readonly: true, tabindex: "-1", "aria-label": "正在整改合计" }),
            " 个，逾期未完成 ", input(form, "hj_yq", "hj_yq", { readonly: true, tabindex: "-1", "aria-label": "逾期未完成合计" }),
            " 个。",
          ]),
          h("div", { class: "head" }, [item("检查人", "jcr", input(form, "jcr", "jcr", { "aria-label": "检查人" })), item("签字人", "qzr", input(form, "qzr", "qzr", { "aria-label": "签字人" }))]),
          h("p", { class: "note" }, "注：一个风险隐患填写一行；隐患整改情况填写：已完成、正在整改中。谁检查谁负责，谁签字谁负责。"),
          h("div", { class: "buttons" }, [
            h("el-button", { attrs: { id: "tijiao" }, props: { type: "primary" }, on: { click: this.submitForm } }, "提交"),
            h("output", { attrs: { id: "status", "aria-live": "polite" } }, this.status),
          ]),
        ]),
        this.answer &&
          h("table", { attrs: { id: "answer" }, class: "official" }, [
            h("caption", "服务器收到的字段"),
            h("thead", [h("tr", [h("th", { attrs: { scope: "col" } }, "name"), h("th", { attrs: { scope: "col" } }, "value")])]),
            h("tbody", this.answer.map(([k, v], i) => h("tr", { key: i }, [h("td", k), h("td", v)]))),
          ]),
      ]),
    ]);
  },
};

const root = document.getElementById("app");
new Vue({ render: (h) => h(Register, { props: { now: root.dataset.now } }) }).$mount(root);

/** The portal's user and per-session draft key, which a real portal's server renders into the page
 *  from its login session; the demo takes them from ?user= and ?key=. */
function portalSession() {
  const q = new URLSearchParams(location.search);
  return { user: q.get("user") || undefined, draftKey: q.get("key") || undefined };
}
