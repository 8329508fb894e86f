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

# The QEMU machine of the KUnit run (kunit.py --qemu_config); scripts/rig-dtb
# dumps that machine's device tree.
RIG_QEMU_CONFIG=$TOP/rig/qemu_config.py

# The base kernel git repository; work trees are added to it.
BASE_GIT=$CACHE/base.git

die() { echo "error: $*" >&2; exit 1; }
note() { echo ">>> $*" >&2; }

# need CMD PACKAGE: fail with one message that names the Debian package.
need() {
	command -v "$1" >/dev/null 2>&1 ||
		die "'$1' not found: install Debian package '$2' (apt-get install $2)"
}

# debian_uri: set DEBIAN_URI to the machine's first non-security Debian
# source in /etc/apt (deb822 .sources, then one-line lists) and
# DEBIAN_KEYRING to its Signed-By keyring (Debian's archive keyring if none),
# so that other suites are fetched from the same place with the same keys.
debian_uri() {
	local f
	DEBIAN_URI='' DEBIAN_KEYRING=''
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -e "$f" ] || continue
		DEBIAN_URI=$(awk '/^URIs:/ && $2 !~ /security/ { print $2; exit }' "$f")
		DEBIAN_KEYRING=$(awk '/^Signed-By:/ { print $2; exit }' "$f")
		[ -n "$DEBIAN_URI" ] && break
	done
	if [ -z "$DEBIAN_URI" ]; then
		DEBIAN_URI=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
			awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) { if ($i !~ /security/) { print $i; exit } } }')
	fi
	[ -n "$DEBIAN_URI" ] || die "no Debian source found in /etc/apt (sources.list or sources.list.d)"
	[ -n "$DEBIAN_KEYRING" ] || DEBIAN_KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
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

# use_ccache: every kernel build goes through ccache ($CCACHE_DIR, default
# in the cache, 5 GB cap).
use_ccache() {
	export CCACHE_DIR=${CCACHE_DIR:-$CACHE/ccache}
	mkdir -p "$CCACHE_DIR"
	ccache -M 5G >/dev/null
}

# worktree DIR: make DIR a linked work tree of the base repository (detached
# at the base) unless it is one already; the caller checks out what it needs.
worktree() {
	[ -f "$1/.git" ] && return 0
	[ ! -d "$1/.git" ] || die "$1 is a repository of its own, not a work tree of $BASE_GIT: move it away"
	rm -rf "$1"
	mkdir -p "$(dirname "$1")"
	git --git-dir="$BASE_GIT" worktree prune
	git --git-dir="$BASE_GIT" worktree add -q --detach "$1" base >&2
}

# Git identity for commits the harness makes in the cache (base, am).
export GIT_AUTHOR_NAME=${GIT_AUTHOR_NAME:-qcom-pas-el2}
export GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL:-qcom-pas-el2@users.noreply.invalid}
export GIT_COMMITTER_NAME=${GIT_COMMITTER_NAME:-qcom-pas-el2}
export GIT_COMMITTER_EMAIL=${GIT_COMMITTER_EMAIL:-qcom-pas-el2@users.noreply.invalid}

# The work tree's `b4 prep` branch: base, cover commit, the series; branch
# "work" is it plus one commit, the rig's hook patch.
SERIES_BRANCH=b4/qcom-pas-el2

# The test rig: its source files, at the paths they take in a kernel tree,
# and the one patch that hooks them into Kconfig and kbuild.
RIG_SRC=$TOP/rig/src
RIG_HOOK=${RIG_HOOK:-$TOP/rig/hook.patch}

# list_rig_files: the rig's source files, relative to $RIG_SRC (kbuild's
# output, left there by an in-place build of a work tree, is not one).
list_rig_files() {
	(cd "$RIG_SRC" && find . -type f \( -name '*.[ch]' -o -name Kconfig -o -name Makefile \) \
		! -name '*.mod.c' | sed 's|^\./||' | LC_ALL=C sort)
}

# rig_links TREE: where the work tree TREE links into $RIG_SRC: each path
# of $RIG_SRC whose parent directory the tree's HEAD has and which it does
# not have itself (a directory of the rig's own is one link, a file in a
# kernel directory another).
rig_links() {
	local tree=$1 rel=${2:-} e p
	for e in "$RIG_SRC${rel:+/$rel}"/*; do
		[ -e "$e" ] || continue
		p=${rel:+$rel/}$(basename "$e")
		if [ -d "$e" ] && [ "$(git -C "$tree" cat-file -t "HEAD:$p" 2>/dev/null)" = tree ]; then
			rig_links "$tree" "$p"
		else
			echo "$p"
		fi
	done
}

# rig_unlinked TREE: the links of TREE that are no longer links into
# $RIG_SRC (an editor or a tool replaced one by a copy): rig edits that
# only the tree has.
rig_unlinked() {
	local p
	rig_links "$1" | while read -r p; do
		[ -e "$1/$p" ] || [ -L "$1/$p" ] || continue
		[ "$(readlink "$1/$p")" = "$RIG_SRC/$p" ] || echo "$p"
	done
}

# rig_link TREE: link the rig into TREE, and keep git from seeing the links
# (base.git's info/exclude, common to its work trees).
rig_link() {
	local tree=$1 p exclude
	exclude=$(git -C "$tree" rev-parse --git-common-dir)/info/exclude
	mkdir -p "$(dirname "$exclude")"
	touch "$exclude"
	rig_links "$tree" | while read -r p; do
		rm -rf "${tree:?}/$p"
		ln -s "$RIG_SRC/$p" "$tree/$p"
		grep -qxF "/$p" "$exclude" || echo "/$p" >>"$exclude"
	done
}

# tree_state TREE: what "make export" last wrote out of TREE, kept in
# $CACHE/tree.exported: the commits of work and of $SERIES_BRANCH (a tree
# of the old layout, before $SERIES_BRANCH, has work only).
tree_state() {
	git -C "$1" rev-parse -q --verify refs/heads/work || true
	git -C "$1" rev-parse -q --verify "refs/heads/$SERIES_BRANCH" || true
}
