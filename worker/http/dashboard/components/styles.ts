// The dashboard's one stylesheet, inlined under the CSP nonce. SVG charts are styled here by class, because the
// CSP forbids style="" attributes.
export const STYLES = `
:root{--ink:#1c2430;--muted:#5b6675;--line:#dde3ea;--bg:#f5f7fa;--card:#fff;--brand:#0f6b5c;--brand-ink:#fff;
--s0:#0f6b5c;--s1:#3b82c4;--s2:#d9822b;--s3:#8e4ec6;--bad:#b42318;--warn:#9a6700;--good:#1a7f37}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
a{color:#0b5cad}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #f0b429;outline-offset:1px}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.3rem .6rem;z-index:2}
header.top{background:var(--ink);color:#fff}
.bar{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;max-width:76rem;margin:0 auto;padding:.6rem 1.25rem}
.brand{font-weight:700;font-size:1.15rem;color:#fff;text-decoration:none;letter-spacing:.02em}
.brand span{color:#7fd1c0}
nav.main ul{display:flex;gap:.25rem;list-style:none;margin:0;padding:0}
nav.main a{color:#d5dde6;text-decoration:none;padding:.35rem .7rem;border-radius:6px}
nav.main a:hover{background:#2d3846}nav.main a[aria-current=page]{background:#fff;color:var(--ink);font-weight:600}
.who{margin-left:auto;display:flex;align-items:center;gap:.75rem;color:#b8c2cd;font-size:.85rem}
.who button{background:transparent;color:#fff;border:1px solid #5b6675;padding:.25rem .7rem}
main{max-width:76rem;margin:0 auto;padding:1.25rem}
h1{font-size:1.5rem;margin:.25rem 0 1rem}h2{font-size:1.1rem;margin:0 0 .75rem}h3{font-size:1rem;margin:1rem 0 .5rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem 1.1rem;margin-bottom:1rem}
.grid{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr))}
.kpis{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));margin-bottom:1rem}
.kpi{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.8rem 1rem}
.kpi dt{color:var(--muted);font-size:.85rem}.kpi dd{margin:0;font-size:1.7rem;font-weight:650}
form.filters{display:flex;flex-wrap:wrap;align-items:flex-end;gap:.6rem 1rem;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.75rem 1rem;margin-bottom:1rem}
label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted);gap:.2rem}
input,select,textarea{font:inherit;color:var(--ink);border:1px solid #b9c3ce;border-radius:6px;padding:.35rem .5rem;background:#fff}
textarea{width:100%;font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
button,.button{font:inherit;border:1px solid var(--brand);background:var(--brand);color:var(--brand-ink);border-radius:6px;padding:.38rem .9rem;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#fff;color:var(--brand)}button.danger{background:var(--bad);border-color:var(--bad)}
.tabs{display:flex;flex-wrap:wrap;gap:.3rem;margin:0 0 1rem;padding:0;list-style:none}
.tabs a{display:block;padding:.35rem .75rem;border:1px solid var(--line);border-radius:999px;background:#fff;text-decoration:none;color:var(--ink);font-size:.9rem}
.tabs a[aria-current=page]{background:var(--brand);border-color:var(--brand);color:#fff}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:.45rem .55rem;border-bottom:1px solid var(--line);vertical-align:top}
thead th{color:var(--muted);font-weight:600;font-size:.8rem;border-bottom:2px solid var(--line)}
th .muted{font-weight:400}.chosen{background:#eef7f4}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto}
.muted{color:var(--muted)}.small{font-size:.85rem}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:999px;font-size:.78rem;background:#eef2f6;border:1px solid var(--line);white-space:nowrap}
.grade-A,.grade-B{background:#dff3e6;border-color:#a6dcb8}.grade-C{background:#fff4d6;border-color:#f1d58a}
.grade-D,.grade-E,.grade-F{background:#fde7e4;border-color:#f3b7ae}
.q-junk{background:#fde7e4;border-color:#f3b7ae;color:var(--bad)}.q-suspect{background:#fff4d6;border-color:#f1d58a;color:var(--warn)}
.notice{border-left:4px solid var(--good);background:#eef8f1;padding:.6rem .9rem;border-radius:6px;margin-bottom:1rem}
.error{border-left:4px solid var(--bad);background:#fdf0ee;padding:.6rem .9rem;border-radius:6px;margin-bottom:1rem}
.issues{margin:.4rem 0 0;padding-left:1.2rem}.issues code{font-weight:600}
.editor{display:grid;gap:1rem;grid-template-columns:minmax(0,3fr) minmax(14rem,1fr)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;word-break:break-word}
ul.plain,ol.plain{list-style:none;padding:0;margin:0}.plain li{padding:.35rem 0;border-bottom:1px solid var(--line)}
.pts{font-variant-numeric:tabular-nums;font-weight:600}.pts.neg{color:var(--bad)}.pts.pos{color:var(--good)}
.snippet{display:flex;gap:.5rem}.snippet input{flex:1;font:13px ui-monospace,Menlo,Consolas,monospace}
.pager{display:flex;gap:.75rem;margin-top:.75rem}
.centered{max-width:26rem;margin:4rem auto}
svg.chart{width:100%;height:auto;display:block}
svg .axis{stroke:#c9d1da;stroke-width:1}svg .grid{stroke:#edf0f4;stroke-width:1}
svg text{font:11px system-ui,sans-serif;fill:#5b6675}svg text.value{fill:#1c2430}
svg .line{fill:none;stroke-width:2.2;stroke-linejoin:round;stroke-linecap:round}
svg .area{opacity:.14}svg .bar{rx:3}
.c0{stroke:var(--s0);fill:var(--s0)}.c1{stroke:var(--s1);fill:var(--s1)}.c2{stroke:var(--s2);fill:var(--s2)}.c3{stroke:var(--s3);fill:var(--s3)}
svg .line.c0,svg .line.c1,svg .line.c2,svg .line.c3{fill:none}
.legend{display:flex;gap:1rem;flex-wrap:wrap;font-size:.85rem;margin:.25rem 0 .5rem;padding:0;list-style:none}
.legend li::before{content:"";display:inline-block;width:.8rem;height:.8rem;border-radius:3px;margin-right:.35rem;vertical-align:-1px;background:currentColor}
.legend .k0{color:var(--s0)}.legend .k1{color:var(--s1)}.legend .k2{color:var(--s2)}.legend .k3{color:var(--s3)}
.legend span{color:var(--ink)}
details summary{cursor:pointer;color:var(--muted);font-size:.85rem;margin-top:.5rem}
@media (max-width:48rem){.editor{grid-template-columns:1fr}.who{margin-left:0}}
.home{max-width:52rem;margin:2rem auto;padding:0 1.25rem}.home ul.links li{margin:.4rem 0}
.home pre{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.8rem;overflow-x:auto}
.button.danger{background:var(--bad);border-color:var(--bad);color:#fff}
.waiting{border-left:4px solid var(--warn);background:#fff8e6;padding:.6rem .9rem;border-radius:6px}
.warning{border-left:4px solid var(--bad);background:#fdf0ef;padding:.4rem .9rem;border-radius:6px;margin:.6rem 0}.warning p{margin:.3rem 0}
dl.keys div{display:grid;grid-template-columns:10rem 1fr;gap:.5rem;padding:.5rem 0;border-top:1px solid var(--line)}dl.keys dt{font-weight:600}dl.keys dd{margin:0}
dl.keys form{margin-top:.3rem}label.check{display:flex;gap:.5rem;align-items:flex-start}fieldset{border:0;padding:0;margin:0}
.new-keys{border:2px solid var(--warn)}
.buttons{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.5rem 0}
.webhook-form fieldset{margin:.6rem 0}.webhook-form>label,.webhook-form details>label{margin:.5rem 0;max-width:40rem}
.webhook-form label.check{flex-direction:row;align-items:center;color:var(--ink);font-size:.9rem;margin:.15rem 0}
article[data-webhook]{border-top:1px solid var(--line);padding-top:.5rem}
.delta{display:block;font-size:.75rem;font-weight:400;color:var(--muted)}.delta.better{color:var(--good)}.delta.worse{color:var(--bad)}
`;
