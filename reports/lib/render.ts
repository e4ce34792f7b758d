/**
 * Markdown and standalone HTML from the same tables: every report a person reads comes out in
 * both forms, the HTML with no external asset. A cell may hold Markdown links `[text](https://…)`
 * (anchors in the HTML); the HTML wraps long words so that it fits a laptop screen.
 */

export interface Section {
  title: string;
  text?: string;
  table?: { head: string[]; rows: string[][] };
  list?: string[];
  pre?: string;
}

const escapeMd = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function toMarkdown(title: string, sections: Section[]): string {
  const out = [`# ${title}`, ''];
  for (const s of sections) {
    out.push(`## ${s.title}`, '');
    if (s.text) out.push(s.text, '');
    if (s.table) {
      out.push(`| ${s.table.head.map(escapeMd).join(' | ')} |`, `|${s.table.head.map(() => '---').join('|')}|`);
      for (const row of s.table.rows) out.push(`| ${row.map(escapeMd).join(' | ')} |`);
      if (s.table.rows.length === 0) out.push(`| ${s.table.head.map((_, i) => (i === 0 ? '(none)' : '')).join(' | ')} |`);
      out.push('');
    }
    if (s.list) out.push(...(s.list.length ? s.list.map((l) => `- ${l}`) : ['(none)']), '');
    if (s.pre) out.push('```', s.pre, '```', '');
  }
  return out.join('\n');
}

const VERDICT_CLASS = /^(passed|conformant|caught|met|fixed)$/i;
const BAD_CLASS = /^(failed|non-conformant|new failure|harness-error|could-not-run|incomplete|became unable to run|still failing|not met|MISSED)$/i;
const WARN_CLASS = /^(non-strict|known-failure|partial)$/i;

/** Escaped text with Markdown links `[text](http…)` and bare URLs made anchors. */
export function inlineHtml(text: string): string {
  return escapeHtml(text)
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, (_, label: string, url: string) => `<a href="${url}">${label}</a>`)
    .replace(/(^|[\s(])(https?:\/\/[^\s<)]+)/g, (_, pre: string, url: string) => `${pre}<a href="${url}">${url}</a>`)
    .replace(/\n/g, '<br>');
}

function cell(text: string): string {
  const bare = text.replace(/^[▲▼•]\s*/, '');
  const cls = VERDICT_CLASS.test(bare) ? ' class="good"' : BAD_CLASS.test(bare) ? ' class="bad"' : WARN_CLASS.test(bare) ? ' class="warn"' : '';
  return `<td${cls}>${inlineHtml(text)}</td>`;
}

export function toHtml(title: string, sections: Section[]): string {
  const body = sections
    .map((s) => {
      const parts = [`<h2>${escapeHtml(s.title)}</h2>`];
      if (s.text) parts.push(`<p>${inlineHtml(s.text)}</p>`);
      if (s.table) {
        parts.push(
          `<table><thead><tr>${s.table.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>` +
            (s.table.rows.length ? s.table.rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('') : `<tr><td colspan="${s.table.head.length}">(none)</td></tr>`) +
            '</tbody></table>',
        );
      }
      if (s.list) parts.push(s.list.length ? `<ul>${s.list.map((l) => `<li>${inlineHtml(l)}</li>`).join('')}</ul>` : '<p>(none)</p>');
      if (s.pre) parts.push(`<pre>${escapeHtml(s.pre)}</pre>`);
      return `<section>${parts.join('\n')}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1200px;color:#1d2330;padding:0 1em;overflow-wrap:anywhere}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #dde}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #d5d9e2;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f2f4f8}td.good{color:#0a6b2d;font-weight:600}td.bad{color:#a11;font-weight:600}td.warn{color:#8a5a00;font-weight:600}
td,th{overflow-wrap:anywhere;word-break:break-word}a{color:#1a55c4}
pre{background:#f6f8fa;padding:.8em;overflow:auto;white-space:pre-wrap}
</style></head><body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`;
}
