# SPDX-License-Identifier: GPL-2.0
# Shared settings and helpers, sourced by the scripts in this directory.

set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${QPE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/qcom-pas-el2}
BASE=${BASE:-linux-source-7.3}
ARCH=arm64
CROSS_COMPILE=${CROSS_COMPILE:-aarch64-linux-gnu-}
JOBS=${JOBS:-$(nproc)}
export ARCH CROSS_COMPILE

# The base kernel git repository; work trees are added to it.
BASE_GIT=$CACHE/base.git

die() { echo "error: $*" >&2; exit 1; }
note() { echo ">>> $*" >&2; }

# need CMD PACKAGE: fail with one message that names the Debian package.
need() {
	command -v "$1" >/dev/null 2>&1 ||
		die "'$1' not found: install Debian package '$2' (apt-get install $2)"
}

# Commands the tree scripts need. ccache is optional to the kernel build but
# the harness relies on it for warm builds, so it is required too.
need_build_tools() {
	need git git
	need make make
	need gcc gcc
	need "${CROSS_COMPILE}gcc" gcc-aarch64-linux-gnu
	need flex flex
	need bison bison
	need bc bc
	need ccache ccache
	need dtc device-tree-compiler
	[ -e /usr/include/openssl/ssl.h ] || die "OpenSSL headers not found: install Debian package 'libssl-dev'"
	[ -e /usr/include/gelf.h ] || die "libelf headers not found: install Debian package 'libelf-dev'"
}

# Git identity for commits the harness makes in the cache (base, am).
export GIT_AUTHOR_NAME=${GIT_AUTHOR_NAME:-qcom-pas-el2}
export GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL:-qcom-pas-el2@users.noreply.invalid}
export GIT_COMMITTER_NAME=${GIT_COMMITTER_NAME:-qcom-pas-el2}
export GIT_COMMITTER_EMAIL=${GIT_COMMITTER_EMAIL:-qcom-pas-el2@users.noreply.invalid}
