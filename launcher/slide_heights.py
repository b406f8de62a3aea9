"""Lists the slides of a deck that are taller than the slide, measured in headless Chromium.

usage: python3 -m launcher.slide_heights [--all] build/slides/05-convolutions.slides.html ...

For whoever writes the notebooks' slide metadata: a slide listed here scrolls in class; split it
by giving the cell where it should break `slide_type` "subslide". Needs `chromium` (Debian:
apt-get install chromium); the course itself does not.
"""

import html
import json
import re
import subprocess
import sys
from pathlib import Path

# Runs in the deck once reveal.js is ready and MathJax had time to typeset: visits every slide and
# sends "h/v <tab> height <tab> slide height <tab> heading" lines to the page that framed the deck.
PROBE = """<script>
(function () {
  var measure = function () { setTimeout(function () {
    var lines = [], height = Reveal.getConfig().height;
    Reveal.getHorizontalSlides().forEach(function (slide, h) {
      var count = slide.querySelectorAll(':scope > section').length || 1;
      for (var v = 0; v < count; v++) {
        Reveal.slide(h, v);
        var current = Reveal.getCurrentSlide(), heading = current.querySelector('h1, h2, h3');
        lines.push(h + '/' + v + '\\t' + current.scrollHeight + '\\t' + height + '\\t'
                   + (heading ? heading.textContent.replace('\\u00b6', '') : ''));
      }
    });
    window.parent.postMessage(lines.join('\\n'), '*');
  }, 3000); };
  if (Reveal.isReady()) { measure(); } else { Reveal.on('ready', measure); }
})();
</script>
"""


# The page Chromium opens: it shows the decks one after another in a frame of Chromium's window size
# (so each is laid out as alone in the window), collects what each deck's probe sends, gives a deck
# that sends nothing 20 s (virtual time), and writes everything into a <pre id="heights"> as JSON.
DRIVER = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="deck" style="border:0;width:1280px;height:800px;display:block"></iframe>
<script>
var decks = %s, found = {}, next = 0, timer = null;
function show() {
  clearTimeout(timer);
  if (next === decks.length) {
    var pre = document.createElement('pre'); pre.id = 'heights'; pre.textContent = JSON.stringify(found);
    document.body.appendChild(pre);
    return;
  }
  document.getElementById('deck').src = decks[next++];
  timer = setTimeout(show, 20000);
}
// Only the deck in the frame can send: a deck that timed out was replaced, its script with it.
window.addEventListener('message', function (event) { found[decks[next - 1]] = event.data; show(); });
show();
</script></body></html>
"""


def measure(decks):
    """The rows ("h/v", height, slide height, heading) of each deck, measured in one Chromium run."""
    probes = []
    for deck in decks:
        text = deck.read_text(encoding="utf-8")
        end = text.rindex("</html>")
        probe = deck.with_name(".heights-" + deck.name)  # next to the deck, so lib/ resolves
        probe.write_text(text[:end] + PROBE + text[end:], encoding="utf-8")
        probes.append(probe)
    driver = decks[0].with_name(".heights-driver.html")
    uris = [p.resolve().as_uri() for p in probes]
    driver.write_text(DRIVER % json.dumps(uris), encoding="utf-8")
    try:
        dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                              f"--virtual-time-budget={30000 * len(decks)}", "--window-size=1280,800", "--dump-dom",
                              driver.resolve().as_uri()],
                             capture_output=True, text=True, timeout=60 + 30 * len(decks)).stdout
    finally:
        for path in (*probes, driver):
            path.unlink()
    found = re.search(r'<pre id="heights">(.*?)</pre>', dom, re.DOTALL)
    measured = json.loads(html.unescape(found.group(1))) if found else {}
    missing = [str(deck) for deck, uri in zip(decks, uris) if uri not in measured]
    if missing:
        sys.exit(f"error: could not measure {', '.join(missing)}: reveal.js did not start in Chromium")
    return [[line.split("\t") for line in measured[uri].splitlines()] for uri in uris]


def main(argv):
    show_all = "--all" in argv
    decks = [Path(a) for a in argv if a != "--all"]
    if not decks:
        sys.exit(__doc__.strip().splitlines()[2])
    for deck, rows in zip(decks, measure(decks)):
        tall = [r for r in rows if int(r[1]) > int(r[2])]
        print(f"{deck.name}: {len(rows)} slides, {len(tall)} taller than the slide")
        for where, height, limit, heading in rows if show_all else tall:
            print(f"  #/{where:6} {height:>5} px of {limit}  {heading}")


if __name__ == "__main__":
    main(sys.argv[1:])
