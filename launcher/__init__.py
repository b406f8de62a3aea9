"""The course's launcher: ./course on Linux and macOS, course.cmd and course.ps1 on Windows.

Written once, in Python, for every platform: the entry points only find a Python 3 and run this
package (python launcher ARGS). Standard library only, except where notebooks are executed or
turned into pages: that code imports nbclient, nbformat and nbconvert from the Python that runs
Jupyter, and those commands start the launcher again under that Python (jupyter.use_notebook_python).

  cli.py            the command line: dispatch, help, refusing unknown options
  commands/         one module per command (setup, lab, test, run, slides, site, bench, doctor, classroom,
                    translations)
  errors.py         the two kinds of failure (exit status 2: the command line; 1: the work)
  console.py        ok/FIX lines, colours on a terminal
  layout.py         where the course keeps its files
  platforms.py      the facts the launcher decides by (system, machine, cores, apt, shell)
  prerequisites.py  Java, Maven, Jupyter, fonts (Chinese included): checks and each platform's install commands
  engines.py        MXNet or PyTorch: choice by platform, build/engine, the engine's environment
  maven.py          Maven calls with the engine, building the library and the kernel patch
  jupyter.py        Jupyter's commands, its Python, the user's Jupyter data folder
  kernelspec.py     the 'java' kernelspec per platform, writing it, diagnosing a broken one
  data.py           the data files (from the manifest the Java library reads too)
  notebooks.py      notebook names ("05"), the editions (notebooks/zh/), the committed form, outputs a
                    learner would see
  translation.py    the Chinese edition against the English one: identical code, drift hashes
  execute.py        running a notebook (the one runner), cached executed copies
  webassets.py      reveal.js and MathJax for decks and pages
  decks.py          slide decks        website.py  the static site
  slide_heights.py  a tool for authors: slides taller than the screen
  tests/            unit tests (python3 -m unittest discover -s launcher/tests), run by ./course test

Adding a command: see commands/__init__.py.
"""
