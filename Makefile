# SPDX-License-Identifier: GPL-2.0
# Entry points only; the work is done by the scripts in scripts/.

.PHONY: all build board dtbs tree export base test test-debug check deps deps-test deps-check clean-cache help

all: build

## build: apply series/ and build the touched drivers built in and as modules, iris against QCOM_RPROC_COMMON y/m/n, and the DTBs (as make dtbs)
build: deps
	scripts/build builtin modules dtbs matrix

## dtbs: apply series/ and build the DTBs of the boards the overlays are for, plain and -el2
dtbs: deps
	scripts/build dtbs

## board: Image, all modules and DTBs for a board (slow)
board: deps
	scripts/build board

## test: KUnit on QEMU arm64 (series + rig); ends with "N passed, N failed" (TREE=DIR tests that kernel tree as it is)
test: deps-test
	scripts/kunit

## test-debug: the same KUnit run with KASAN, kmemleak and lockdep
test-debug: deps-test
	KUNIT_TIMEOUT=$${KUNIT_TIMEOUT:-3600} scripts/kunit rig/kunitconfig rig/kunitconfig.debug

## check: upstream-readiness gate on series/ (and the rig: rig/src, rig/hook.patch): one table, fails on any regression (SERIES_DIR=... checks another series, TREE=DIR the commits of a work tree)
check: deps-check
	scripts/check

## tree: the work tree (base + cover + series + rig hook, rig/src linked in) to edit and commit in
tree: deps
	scripts/tree

## export: write the work tree's commits back to series/ and rig/hook.patch (rig files are linked to rig/src)
export:
	scripts/export

## base: fetch and verify the base only
base: deps
	scripts/fetch-base

deps:
	scripts/deps build

deps-test:
	scripts/deps test

deps-check:
	scripts/deps check

## clean-cache: remove everything this project keeps in the cache
clean-cache:
	rm -rf "$${QPE_CACHE:-$${XDG_CACHE_HOME:-$$HOME/.cache}/qcom-pas-el2}"

help:
	@sed -n 's/^## //p' Makefile
