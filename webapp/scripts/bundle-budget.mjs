// Fails when the JavaScript a first visit downloads is over budget.
//
// The initial JavaScript is the entry chunk (index.html's script) and every chunk it imports
// statically, read from Vite's manifest (dist/.vite/manifest.json); chunks behind a dynamic
// import() load with their page and do not count. Sizes are gzip, as the server sends them.
//
//   node scripts/bundle-budget.mjs [--budget-kb 250] [--dist dist]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const dist = option("--dist", "dist");
const budgetKb = Number(option("--budget-kb", process.env.LOOM_WEBAPP_BUDGET_KB ?? "250"));
const manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8"));

const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry);
if (entries.length === 0) {
  console.error(`no entry chunk in ${dist}/.vite/manifest.json`);
  process.exit(2);
}

const initial = new Set();
const css = new Set();
const visit = (key) => {
  if (initial.has(key)) return;
  initial.add(key);
  for (const file of manifest[key].css ?? []) css.add(file);
  for (const imported of manifest[key].imports ?? []) visit(imported);
};
entries.forEach(visit);

const gzipKb = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024;
const rows = [...initial].map((key) => ({ file: manifest[key].file, kb: gzipKb(manifest[key].file) }));
rows.sort((a, b) => b.kb - a.kb);
const total = rows.reduce((sum, row) => sum + row.kb, 0);
const cssTotal = [...css].reduce((sum, file) => sum + gzipKb(file), 0);

for (const row of rows) console.log(`${row.kb.toFixed(1).padStart(8)} KB  ${row.file}`);
console.log(`initial JavaScript: ${total.toFixed(1)} KB gzip in ${rows.length} files (budget ${budgetKb} KB)`);
console.log(`initial CSS: ${cssTotal.toFixed(1)} KB gzip in ${css.size} files`);
if (total > budgetKb) {
  console.error(`over budget by ${(total - budgetKb).toFixed(1)} KB: load more of it lazily (React.lazy, import())`);
  process.exit(1);
}
