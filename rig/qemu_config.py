# SPDX-License-Identifier: GPL-2.0
# kunit.py --qemu_config for the rig (scripts/kunit): QEMU virt as in
# kunit.py's own qemu_configs/arm64.py, with RAM up to 0xc0000000 so that
# the non-relocatable images' carveouts (rig/dts/rig.dtsi) are in RAM.
# scripts/rig-dtb dumps QEMU's device tree with the same machine arguments,
# read from this file; scripts/kunit adds "-dtb" for the tree it built.
from qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='arm64',
			   kconfig='''
CONFIG_SERIAL_AMBA_PL010=y
CONFIG_SERIAL_AMBA_PL010_CONSOLE=y
CONFIG_SERIAL_AMBA_PL011=y
CONFIG_SERIAL_AMBA_PL011_CONSOLE=y''',
			   qemu_arch='aarch64',
			   kernel_path='arch/arm64/boot/Image.gz',
			   kernel_command_line='console=ttyAMA0',
			   extra_qemu_params=['-machine', 'virt', '-cpu', 'max', '-m', '2048'])
