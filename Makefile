# SPDX-License-Identifier: GPL-2.0
# Entry points only; the work is done by the scripts in scripts/.

.PHONY: all build board dtbs tree export base test deps deps-test clean-cache help

all: build

## build: apply series/ to the base and build the touched drivers built in and as modules, plus the Lemans DTBs
build: deps
	scripts/build builtin modules dtbs

## board: Image, all modules and DTBs for a board (slow)
board: deps
	scripts/build board

## test: KUnit on QEMU arm64 (series + rig); ends with "N passed, N failed"
test: deps-test
	scripts/kunit

## tree: the work tree (base + cover + series + rig) to edit and commit in
tree: deps
	scripts/tree

## export: write the work tree's commits back to series/ and rig/patches/
export:
	scripts/export

## base: fetch and verify the base only
base: deps
	scripts/fetch-base

deps:
	scripts/deps build

deps-test:
	scripts/deps test

## clean-cache: remove everything this project keeps in the cache
clean-cache:
	rm -rf "$${QPE_CACHE:-$${XDG_CACHE_HOME:-$$HOME/.cache}/qcom-pas-el2}"

help:
	@sed -n 's/^## //p' Makefile
