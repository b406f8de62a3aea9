"""Lists the slides of a deck that are taller than the slide, measured in headless Chromium.

usage: python3 -m launcher.slide_heights [--all] build/slides/05-convolutions.slides.html ...

For whoever writes the notebooks' slide metadata: a slide listed here scrolls in class; split it
by giving the cell where it should break `slide_type` "subslide". Needs `chromium` (Debian:
apt-get install chromium); the course itself does not.
"""

import html
import re
import subprocess
import sys
from pathlib import Path

# Runs in the deck once reveal.js is ready and MathJax had time to typeset: visits every slide and
# writes "h/v <tab> height <tab> slide height <tab> heading" lines into a <pre id="heights">.
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
    var pre = document.createElement('pre'); pre.id = 'heights'; pre.textContent = lines.join('\\n');
    document.body.appendChild(pre);
  }, 3000); };
  if (Reveal.isReady()) { measure(); } else { Reveal.on('ready', measure); }
})();
</script>
"""


def heights(deck):
    text = deck.read_text(encoding="utf-8")
    end = text.rindex("</html>")
    probe = deck.with_name(".heights-" + deck.name)  # next to the deck, so lib/ resolves
    probe.write_text(text[:end] + PROBE + text[end:], encoding="utf-8")
    try:
        dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=15000",
                              "--window-size=1280,800", "--dump-dom", probe.resolve().as_uri()],
                             capture_output=True, text=True, timeout=180).stdout
    finally:
        probe.unlink()
    found = re.search(r'<pre id="heights">(.*?)</pre>', dom, re.DOTALL)
    if not found:
        sys.exit(f"error: could not measure {deck}: reveal.js did not start in Chromium")
    return [line.split("\t") for line in html.unescape(found.group(1)).splitlines()]


def main(argv):
    show_all = "--all" in argv
    decks = [Path(a) for a in argv if a != "--all"]
    if not decks:
        sys.exit(__doc__.strip().splitlines()[2])
    for deck in decks:
        rows = heights(deck)
        tall = [r for r in rows if int(r[1]) > int(r[2])]
        print(f"{deck.name}: {len(rows)} slides, {len(tall)} taller than the slide")
        for where, height, limit, heading in rows if show_all else tall:
            print(f"  #/{where:6} {height:>5} px of {limit}  {heading}")


if __name__ == "__main__":
    main(sys.argv[1:])
