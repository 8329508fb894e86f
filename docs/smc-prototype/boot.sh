#!/bin/bash
# boot.sh NAME [KERNEL_ARGS...]: one QEMU boot of the prototype build
name=$1; shift
ka=()
for a; do ka+=(--kernel_args "$a"); done
cd $HOME/.cache/qcom-pas-el2/wt-smc && timeout 900 /usr/bin/python3 tools/testing/kunit/kunit.py exec \
	--build_dir=$HOME/.cache/qcom-pas-el2/build/wt-smc --qemu_config=/tmp/smc/qemu_config.py \
	--qemu_args "-dtb /tmp/smc/rig-smc.dtb" --timeout=600 --raw_output=all "${ka[@]}" > /tmp/smc/run-$name.log 2>&1
echo "$name rc=$?"
grep -E "^(    )?(ok|not ok) |# qcom_smc_rig:|Totals" /tmp/smc/run-$name.log | tail -16
