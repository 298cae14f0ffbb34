// A self-contained API reference rendered from the OpenAPI document (no CDN, no script).

interface OpenApiLike {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, { summary?: string; description?: string; parameters?: Array<{ name: string; in: string; required?: boolean }>; requestBody?: { content?: Record<string, unknown> } }>>;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function docsPage(doc: unknown): string {
  const d = doc as OpenApiLike;
  const rows: string[] = [];
  for (const [path, ops] of Object.entries(d.paths ?? {})) {
    for (const [method, op] of Object.entries(ops)) {
      const params = (op.parameters ?? []).map((p) => `${p.name} (${p.in}${p.required ? ', required' : ''})`).join(', ');
      const bodies = Object.keys(op.requestBody?.content ?? {}).join(', ');
      rows.push(
        `<tr><td><code>${escape(method.toUpperCase())}</code></td><td><code>${escape(path)}</code></td><td>${escape(op.summary ?? '')}${op.description ? `<br><small>${escape(op.description)}</small>` : ''}</td><td>${escape(params)}</td><td>${escape(bodies)}</td></tr>`,
      );
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(d.info.title)} API</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}code{font-size:13px}</style></head>
<body><h1>${escape(d.info.title)} API <small>${escape(d.info.version)}</small></h1><p>${escape(d.info.description ?? '')}</p>
<p>Every <code>/api</code> route needs <code>Authorization: Bearer &lt;key&gt;</code>. The machine-readable document is at <a href="/openapi.json">/openapi.json</a>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What it does</th><th>Parameters</th><th>Body</th></tr></thead><tbody>${rows.join('')}</tbody></table></body></html>`;
}
