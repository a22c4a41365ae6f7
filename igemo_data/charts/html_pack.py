"""The offline board pack (issue 17, item 6): one HTML file with the live chart, its horizon
slider and play button, that opens without a network.

vl-convert bundles Vega, Vega-Lite and vega-embed into the page (`vegalite_to_html(...,
bundle=True)`, about 0.9 MB); we keep its script and write our own body: the scenario's name,
date and settings, a horizon slider and a play button. The chart's params bind to those inputs
exactly as in the app (`charts.live`); the cuts are the scenario's, fixed. Every text of ours is
escaped for HTML, and the spec is JSON inside a script with `</` written as `<\\/`.
"""

from __future__ import annotations

import functools
import html
import json
import re

import vl_convert as vlc

from igemo_data.charts.live import LiveInputs, step_of
from igemo_data.settings import Settings

# The pack's own inputs: the chart's params bind to these (as to the app's live control).
PACK_INPUTS = LiveInputs(
    horizon="#pack-horizon", market_cut="#pack-market", need_cut="#pack-need", trails="#pack-trails"
)
PLAY_MS = 4000


@functools.cache
def _bundled_head() -> str:
    """vl-convert's page head: Vega, Vega-Lite and vega-embed inlined (no network needed)."""
    page = vlc.vegalite_to_html({"mark": "point"}, bundle=True)
    # The last "</head>": the bundled script itself holds the words "<body>" and "<html".
    head = page[: page.rindex("</head>") + len("</head>")] + "\n"
    if "<script" not in head or "https://" in _scripts_src(head):
        raise RuntimeError("vl-convert's bundled page changed: no inline script in its head")
    return head


def _scripts_src(head: str) -> str:
    return " ".join(re.findall(r"<script[^>]*src=\"([^\"]+)\"", head))


def interactive_html(
    spec: dict,
    settings: Settings,
    *,
    title: str,
    heading: str,
    settings_line: str,
    note: str,
    labels: dict[str, str],
) -> bytes:
    """The page: `spec` is a live spec bound to `PACK_INPUTS` (rows inline, not Arrow).

    `labels`: the horizon slider's label, and play / pause / replay. Text is ours or a
    scenario's name: escaped here.
    """
    head = _bundled_head().replace("<title>Chart</title>", f"<title>{html.escape(title)}</title>")
    horizon = step_of(settings.horizon)
    market, need = round(settings.market_cut * 100), round(settings.need_cut * 100)
    data = json.dumps(spec, ensure_ascii=False, allow_nan=False).replace("</", "<\\/")
    words = json.dumps(labels, ensure_ascii=False).replace("</", "<\\/")
    body = f"""<body>
<main class="pack">
  <h1>{html.escape(heading)}</h1>
  <p class="pack-line">{html.escape(settings_line)}</p>
  <div class="pack-controls" role="group">
    <label for="pack-horizon">{html.escape(labels["horizon"])}</label>
    <input type="range" id="pack-horizon" min="0" max="100" step="1" value="{horizon}">
    <output id="pack-horizon-out" for="pack-horizon">{horizon} %</output>
    <button type="button" id="pack-play" aria-pressed="false">{html.escape(labels["play"])}</button>
    <input type="hidden" id="pack-market" value="{market}">
    <input type="hidden" id="pack-need" value="{need}">
    <input type="hidden" id="pack-trails" value="0">
  </div>
  <div id="vega-chart"></div>
  <p class="pack-note">{html.escape(note)}</p>
</main>
<style>
  body {{ font-family: "Source Sans Pro", "Liberation Sans", Arial, sans-serif; color: #1F1F1F;
    margin: 24px; }}
  .pack h1 {{ font-size: 2rem; margin: 0 0 0.25rem; }}
  .pack-line {{ font-size: 1.1rem; margin: 0 0 1rem; }}
  .pack-controls {{ display: flex; gap: 1rem; align-items: center; font-size: 1.1rem;
    margin-bottom: 0.5rem; }}
  .pack-controls input[type=range] {{ width: 28rem; height: 1.5rem; }}
  .pack-controls output {{ font-weight: 700; min-width: 4rem; }}
  .pack-controls button {{ font: inherit; padding: 0.3rem 0.9rem; cursor: pointer; }}
  .pack :focus-visible {{ outline: 3px solid #0072B2; outline-offset: 3px; }}
  .pack-note {{ color: #444; }}
</style>
<script type="text/javascript">
(() => {{
  const spec = {data};
  const labels = {words};
  const input = document.getElementById('pack-horizon');
  const out = document.getElementById('pack-horizon-out');
  const trails = document.getElementById('pack-trails');
  const play = document.getElementById('pack-play');
  const show = () => {{
    out.textContent = input.value + ' %';
    input.setAttribute('aria-valuetext', input.value + ' %');
  }};
  input.addEventListener('input', show);
  let timer = null;
  const set = (value) => {{ input.value = String(value); input.dispatchEvent(new Event('input')); }};
  const stop = (label) => {{
    if (timer) cancelAnimationFrame(timer);
    timer = null;
    play.textContent = label || labels.play;
    play.setAttribute('aria-pressed', 'false');
  }};
  play.addEventListener('click', () => {{
    if (timer) {{ stop(); return; }}
    const from = Number(input.value) >= 100 ? 0 : Number(input.value);
    const begun = performance.now() - (from / 100) * {PLAY_MS};
    trails.value = '1'; trails.dispatchEvent(new Event('input'));
    play.textContent = labels.pause; play.setAttribute('aria-pressed', 'true');
    const frame = (now) => {{
      const at = Math.min(100, Math.round(((now - begun) / {PLAY_MS}) * 100));
      if (String(at) !== input.value) set(at);
      if (at >= 100) {{ stop(labels.replay); return; }}
      timer = requestAnimationFrame(frame);
    }};
    timer = requestAnimationFrame(frame);
  }});
  input.addEventListener('pointerdown', () => {{
    if (!timer) {{ trails.value = '0'; trails.dispatchEvent(new Event('input')); }}
  }});
  show();
  window.packReady = vegaEmbed('#vega-chart', spec, {{ renderer: 'svg', actions: false }})
    .then((result) => {{ window.packView = result.view; return true; }});
}})();
</script>
</body>
</html>
"""
    return (head + body).encode("utf-8")
