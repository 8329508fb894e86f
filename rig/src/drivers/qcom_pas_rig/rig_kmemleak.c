// SPDX-License-Identifier: GPL-2.0-only
/*
 * kmemleak windows for the rig's integration suites (make test-debug).
 *
 * kmemleak is driven through its debugfs file, which only takes user
 * buffers: KUnit gives the test thread an mm and a page of user memory.
 * rig_leaks_begin() scans and clears what is already reported, so that
 * rig_leaks_end() reports only what leaked in between.
 */

#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mman.h>
#include <linux/mount.h>
#include <linux/uaccess.h>
#include <qcom_pas_rig/test.h>

/* kmemleak reports only objects older than this (MSECS_MIN_AGE) */
#define RIG_KMEMLEAK_AGE_MS	5100
#define RIG_KMEMLEAK_REPORT	4096

KUNIT_DEFINE_ACTION_WRAPPER(rig_kern_unmount, kern_unmount, struct vfsmount *);

static int rig_kmemleak_init(struct kunit *test, struct rig_kmemleak *k)
{
	struct file_system_type *fs;
	unsigned long addr;
	int ret;

	fs = get_fs_type("debugfs");
	if (!fs)
		return -ENODEV;
	k->debugfs = kern_mount(fs);
	put_filesystem(fs);
	if (IS_ERR(k->debugfs))
		return PTR_ERR(k->debugfs);
	ret = kunit_add_action_or_reset(test, rig_kern_unmount, k->debugfs);
	if (ret)
		return ret;

	addr = kunit_vm_mmap(test, NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			     MAP_ANONYMOUS | MAP_PRIVATE, 0);
	if (IS_ERR_VALUE(addr) || !addr)
		return -ENOMEM;
	k->ubuf = (char __user *)addr;

	return 0;
}

int rig_kmemleak_cmd(struct rig_kmemleak *k, const char *cmd)
{
	size_t len = strlen(cmd);
	struct file *f;
	loff_t pos = 0;
	ssize_t ret;

	f = file_open_root_mnt(k->debugfs, "kmemleak", O_WRONLY, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);

	ret = copy_to_user(k->ubuf, cmd, len) ? -EFAULT : vfs_write(f, k->ubuf, len, &pos);
	fput(f);

	return ret < 0 ? ret : 0;
}

/* The objects kmemleak reports unreferenced: their count, the first logged */
static int rig_kmemleak_report(struct kunit *test, struct rig_kmemleak *k)
{
	char *chunk, *report, *line, *next;
	const char *p;
	size_t len = 0;
	struct file *f;
	loff_t pos = 0;
	ssize_t ret;
	int leaks = 0;

	chunk = kunit_kzalloc(test, PAGE_SIZE + 1, GFP_KERNEL);
	report = kunit_kzalloc(test, RIG_KMEMLEAK_REPORT + 1, GFP_KERNEL);
	if (!chunk || !report)
		return -ENOMEM;

	f = file_open_root_mnt(k->debugfs, "kmemleak", O_RDONLY, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);

	/* seq_file hands out whole records: one per object, none split */
	while ((ret = vfs_read(f, k->ubuf, PAGE_SIZE, &pos)) > 0) {
		if (copy_from_user(chunk, k->ubuf, ret)) {
			ret = -EFAULT;
			break;
		}
		chunk[ret] = '\0';
		for (p = chunk; (p = strstr(p, "unreferenced object")); p++)
			leaks++;
		if (len < RIG_KMEMLEAK_REPORT) {
			ssize_t n = strscpy(report + len, chunk, RIG_KMEMLEAK_REPORT + 1 - len);

			len = n < 0 ? RIG_KMEMLEAK_REPORT : len + n;
		}
	}
	fput(f);
	if (ret < 0)
		return ret;

	for (line = report; *line; line = next) {
		next = strchrnul(line, '\n');
		if (*next)
			*next++ = '\0';
		kunit_info(test, "kmemleak: %s\n", line);
	}

	return leaks;
}

/*
 * kmemleak reports an object only once it is older than its minimum age
 * (5 s) and unreferenced in a scan that finds its contents unchanged since
 * the scan before: a leak is reported by the second scan after it.
 */
static int rig_kmemleak_settle(struct rig_kmemleak *k)
{
	int ret;

	msleep(RIG_KMEMLEAK_AGE_MS);
	ret = rig_kmemleak_cmd(k, "scan");

	return ret ?: rig_kmemleak_cmd(k, "scan");
}

void rig_leaks_begin(struct kunit *test, struct rig_kmemleak *k)
{
	KUNIT_ASSERT_EQ(test, rig_kmemleak_init(test, k), 0);
	KUNIT_ASSERT_EQ(test, rig_kmemleak_settle(k), 0);
	KUNIT_ASSERT_EQ(test, rig_kmemleak_cmd(k, "clear"), 0);
}

/* The objects reported unreferenced since rig_leaks_begin() */
int rig_leaks_scan(struct kunit *test, struct rig_kmemleak *k)
{
	int leaks;

	KUNIT_ASSERT_EQ(test, rig_kmemleak_settle(k), 0);
	leaks = rig_kmemleak_report(test, k);
	KUNIT_ASSERT_GE(test, leaks, 0);
	kunit_info(test, "kmemleak: %d objects reported unreferenced\n", leaks);

	return leaks;
}

void rig_leaks_end(struct kunit *test, struct rig_kmemleak *k)
{
	KUNIT_EXPECT_EQ_MSG(test, rig_leaks_scan(test, k), 0,
			    "kmemleak: objects leaked (report above)");
}

/*
 * A kmemleak window over a whole suite: its first case opens it, its last
 * case closes it and fails on what leaked in between (the fault and
 * re-probe paths). KUnit runs a suite's cases in order, each in a thread
 * of its own, so the two share only kmemleak's state and this flag.
 */
static bool rig_leaks_suite_opened;

void rig_leaks_suite_open(struct kunit *test)
{
	struct rig_kmemleak k;

	if (!IS_ENABLED(CONFIG_DEBUG_KMEMLEAK))
		kunit_skip(test, "no kmemleak (make test-debug has it)");

	rig_leaks_suite_opened = false;
	rig_leaks_begin(test, &k);
	rig_leaks_suite_opened = true;
}

void rig_leaks_suite_close(struct kunit *test)
{
	struct rig_kmemleak k;

	if (!IS_ENABLED(CONFIG_DEBUG_KMEMLEAK))
		kunit_skip(test, "no kmemleak (make test-debug has it)");
	/*
	 * A window that was never opened (its case filtered out, or failed)
	 * checked nothing: that is a failure, not a skip that reads as a pass.
	 */
	KUNIT_ASSERT_TRUE_MSG(test, rig_leaks_suite_opened,
			      "no kmemleak window opened: its opening case did not run or failed");

	rig_leaks_suite_opened = false;
	KUNIT_ASSERT_EQ(test, rig_kmemleak_init(test, &k), 0);
	rig_leaks_end(test, &k);
}
