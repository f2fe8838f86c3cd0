"""Renders connector-dashboard.json's panel layout and queries (no data) to connector-dashboard.png for the README.

    python3 deploy/grafana/render-layout.py   # needs chromium (Debian: apt-get install chromium)
"""
import html
import json
import pathlib
import subprocess
import tempfile

here = pathlib.Path(__file__).resolve().parent
d = json.loads((here / 'connector-dashboard.json').read_text(encoding='utf-8'))
W, U, M = 1600, 30, 6
col = W / 24
maxy = max(p['gridPos']['y'] + p['gridPos']['h'] for p in d['panels'])
parts = []
for p in d['panels']:
    g = p['gridPos']
    x, y, w, h = g['x'] * col, g['y'] * U + 56, g['w'] * col, g['h'] * U
    t = html.escape(p['title'])
    if p['type'] == 'row':
        parts.append(f'<div class="row" style="left:{x+M}px;top:{y+M}px;width:{w-2*M}px">▾ {t}</div>')
        continue
    unit = p.get('fieldConfig', {}).get('defaults', {}).get('unit', '')
    qs = ''.join(f'<div class="q"><span class="leg">{html.escape(tg.get("legendFormat") or "")}</span> {html.escape(tg["expr"])}</div>' for tg in p['targets'])
    kind = 'stat' if p['type'] == 'stat' else 'time series'
    parts.append(f'<div class="panel {p["type"]}" style="left:{x+M}px;top:{y+M}px;width:{w-2*M}px;height:{h-2*M}px">'
                 f'<div class="title">{t}<span class="kind">{kind}{" · " + unit if unit and unit != "short" else ""}</span></div>{qs}</div>')
doc = f'''<!doctype html><html><head><meta charset="utf-8"><style>
body{{margin:0;background:#111217;font-family:"DejaVu Sans",sans-serif;color:#ccccdc}}
.top{{position:absolute;left:12px;top:12px;font-size:20px;color:#fff}}
.top small{{font-size:12px;color:#8e8e9e;margin-left:14px}}
.row{{position:absolute;font-size:15px;font-weight:bold;color:#d8d9da;border-bottom:1px solid #2c2e36;padding:4px 0}}
.panel{{position:absolute;box-sizing:border-box;background:#181b1f;border:1px solid #2c2e36;border-radius:3px;padding:6px 8px;overflow:hidden}}
.title{{font-size:13px;font-weight:bold;color:#fff;margin-bottom:6px}}
.kind{{float:right;font-weight:normal;font-size:10px;color:#6e9fff}}
.q{{font-family:"DejaVu Sans Mono",monospace;font-size:9.5px;color:#9fa7b3;margin:3px 0;word-break:break-all}}
.leg{{color:#73bf69}}
.stat .q{{font-size:9px}}
</style></head><body><div class="top">{html.escape(d["title"])}<small>panel layout and queries of deploy/grafana/connector-dashboard.json (rendered without data)</small></div>
{"".join(parts)}</body></html>'''
with tempfile.TemporaryDirectory() as tmp:
    page = pathlib.Path(tmp) / 'dashboard.html'
    page.write_text(doc, encoding='utf-8')
    subprocess.run(['chromium', '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
                    '--hide-scrollbars', f'--window-size={W},{maxy * U + 70}',
                    f'--screenshot={here / "connector-dashboard.png"}', page.as_uri()], check=True)
