#!/bin/sh
# A student's server starts through this: on the first login only, it copies the course's notebooks
# into the student's own folder, then runs the server (the command given). Logging in again finds
# that folder and copies nothing, so a student's work is kept; removing the folder brings a fresh copy.
#   DLCOURSE_HOME  the course (read-only for students): its notebooks/ are copied
#   DLCOURSE_COPY  the student's copy (default: ~/notebooks; on Zero to JupyterHub, a folder on the
#                  student's persistent volume)
#   DLCOURSE_KERNEL_THREADS  (Zero to JupyterHub) the engine threads of the student's kernel
# The student's kernels record their results (dlcourse.notebook.Results) beside their copy, in
# results/results.csv, not in the course's build/ folder, which is the instructor's.
# Used by ./course classroom (classroom/jupyterhub_config.py) and by Zero to JupyterHub
# (classroom/z2jh/values.yaml, singleuser.cmd).
set -eu
course="${DLCOURSE_HOME:?DLCOURSE_HOME must name the course folder, whose notebooks are copied}"
copy="${DLCOURSE_COPY:-$HOME/notebooks}"
if [ ! -e "$copy" ]; then
  mkdir -p "$(dirname -- "$copy")"
  rm -rf -- "$copy.part"
  cp -R -- "$course/notebooks" "$copy.part"
  chmod -R u+w -- "$copy.part"
  mv -- "$copy.part" "$copy"
fi
# Zero to JupyterHub: the image's kernelspec has as many engine threads as the machine that built the
# image had cores; DLCOURSE_KERNEL_THREADS (values.yaml, = the pod's CPU limit) sets them to the pod's.
if [ -n "${DLCOURSE_KERNEL_THREADS:-}" ]; then
  (cd "$course" && python3 -c 'import sys; from launcher import hub; hub.limit_installed_kernel(sys.argv[1])' \
    "$DLCOURSE_KERNEL_THREADS")
fi
DLCOURSE_RESULTS="$(dirname -- "$copy")/results/results.csv"
export DLCOURSE_RESULTS
exec "$@"
