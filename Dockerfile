# The course in one image: Debian, a JDK 17, Maven, Jupyter Notebook, the Java kernel, the
# helper library and the data, built so that the container needs no network.
#   docker build -t dlcourse .
#   docker run --rm -p 8888:8888 dlcourse        then open the http://127.0.0.1:8888/?token=... link it prints
#   docker run --rm dlcourse ./course test
#   docker build --platform linux/arm64 -t dlcourse .      for ARM machines: the PyTorch engine
# BASE lets the image build from a locally made Debian bookworm where no image registry is reachable.
# ENGINE=pytorch or mxnet chooses DJL's engine; left empty, the platform's default (MXNet on
# amd64, PyTorch on arm64, where MXNet has no native build).
ARG BASE=debian:bookworm-slim
FROM ${BASE}
ARG ENGINE=

# debian-slim leaves out /usr/share/man, where the JDK's post-install script makes links.
# jupyterhub (3.0) brings jupyterhub-singleuser, which Zero to JupyterHub runs in each student's
# pod (classroom/z2jh/values.yaml); its major version matches the chart's hub. fonts-noto-cjk:
# the Chinese edition's charts (without it they show empty boxes; ./course doctor checks it).
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates openjdk-17-jdk-headless maven \
      jupyter-notebook jupyter-nbconvert jupyter-client python3-nbclient \
      dataset-fashion-mnist dict-devil fontconfig fonts-dejavu-core fonts-noto-cjk tini \
      jupyterhub \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/*

# Java 17 takes its default charset from the locale: without a UTF-8 one, text outside
# ASCII (the translation chapter's dates, for one) would print as '?'.
ENV LANG=C.UTF-8

# jovyan, UID 1000: the user of the Jupyter docker-stacks and of Binder.
RUN useradd --create-home --uid 1000 --shell /bin/bash jovyan \
 && install -d -o jovyan -g jovyan /home/jovyan/dlcourse
USER jovyan
WORKDIR /home/jovyan/dlcourse

# The Maven dependencies in a layer of their own, so that a change to the library or to a
# notebook does not download them again.
COPY --chown=jovyan:jovyan pom.xml ./
RUN mvn -B -q -Dstyle.color=never ${ENGINE:+-Ddlcourse.engine=$ENGINE} dependency:go-offline

COPY --chown=jovyan:jovyan . ./
# Set-up builds the library and installs the 'java' kernelspec; the unit tests then fetch
# what Surefire loads only when tests run, so that `./course test` needs no network either.
RUN ./course setup ${ENGINE:+--engine $ENGINE} \
 && mvn -B -q -Dstyle.color=never -Ddlcourse.engine="$(cat build/engine)" test
# reveal.js and MathJax for `./course slides` and `./course site`, downloaded now so that the
# container makes decks with no network; building deck 00 unexecuted fetches them and proves it.
RUN ./course slides 00 --no-execute --out /tmp/deck && rm -rf /tmp/deck

EXPOSE 8888
# tini passes docker stop's SIGTERM on to Jupyter, which then shuts its kernels down and exits.
ENTRYPOINT ["/usr/bin/tini", "--"]
# Token authentication stays on: the token is printed in the log, or taken from JUPYTER_TOKEN.
CMD ["./course", "lab", "--no-browser", "--ip=0.0.0.0", "--port=8888"]
