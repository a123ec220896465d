#!/usr/bin/env bash
# Score a folder of images on a Slurm cluster: one array task per shard, every
# task storing scores and maps into one PostgreSQL workspace as it goes.
#
#   export SPECK_STORE=postgresql://speck@db.example/line3?sslmode=verify-full
#   sbatch --array=0-15 examples/slurm/score-array.sh m1 /data/line3
#
# Task I of N scores slice I/N of the images (by path hash): the slices never
# overlap and cover every image. Every node mounts the images and the
# workspace's blobs folder at the same paths and can reach the database; a
# password comes from PGPASSWORD, never from this file (sbatch passes the
# submitting shell's environment on).
# A failed, killed or preempted task is simply run again (--requeue): images
# the model already scored are skipped.
#
# `speck` is taken from PATH, or from $SPECK.
#SBATCH --job-name=speck-score
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=04:00:00
#SBATCH --requeue
#SBATCH --output=speck-score-%A_%a.log
set -euo pipefail

model="${1:?usage: sbatch --array=0-(N-1) score-array.sh MODEL IMAGES (MODEL: a workspace model, e.g. m1 or latest)}"
images="${2:?usage: sbatch --array=0-(N-1) score-array.sh MODEL IMAGES}"
: "${SPECK_STORE:?set SPECK_STORE=postgresql://USER@HOST/DB, the workspace every task stores into}"
: "${SLURM_ARRAY_TASK_ID:?not an array task: submit with sbatch --array=0-(N-1)}"

# The shard index counts from 0 whatever the array's first index; a stepped
# array (--array=0-15:2) would leave slices unscored, so it is refused.
first="${SLURM_ARRAY_TASK_MIN:-0}"
count="${SLURM_ARRAY_TASK_COUNT:?SLURM_ARRAY_TASK_COUNT is unset (Slurm 17.11 or newer sets it)}"
if [ -n "${SLURM_ARRAY_TASK_MAX:-}" ] && [ $((SLURM_ARRAY_TASK_MAX - first + 1)) -ne "$count" ]; then
    echo "score-array.sh: the array must be a plain range like --array=0-15 (got $count tasks from $first to $SLURM_ARRAY_TASK_MAX)" >&2
    exit 2
fi
index=$((SLURM_ARRAY_TASK_ID - first))

exec "${SPECK:-speck}" score "$model" "$images" --shard "$index/$count"
