"""QEMU boots for spinlocks and the lock-order checker, on both boards.

The plain kernels of pc.py and rpi5.py already run every KTAP suite
(locks included). Here: the same suites on kernels with
DEBUG_LOCK_ORDER=y, where the "locks" suite provokes an A->B / B->A
inversion on two CPUs and the log must name both classes, repeated to
shake out races; and the explicit-only suites that must end in the
panic lock debugging promises.
"""
import bootlib

BOARDS = {
    "pc": ("pc_defconfig", {}),
    "rpi5": ("rpi5_defconfig", {}),
}
LOCKORDER = {"DEBUG_LOCK_ORDER": "y"}


def config(board):
    return dict(LOCKORDER, **(bootlib.RPI5_DEBUG if board == "rpi5" else {}))
CYCLE = (r"^\[LOCKDEP\] possible circular locking dependency: core\d+ takes lock_test_a "
         r"while holding lock_test_b$")
CYCLE_LINE = r"^\[LOCKDEP\] cycle of 2 lock classes: lock_test_b -> lock_test_a -> lock_test_b$"
# The suite provokes exactly three reports; any other is a finding.
UNEXPECTED = [
    r"possible circular locking dependency: (?!core\d+ takes lock_test_a while holding lock_test_b$)",
    r"IRQ-unsafe use of lock class (?!irq_test_lock:)",
    r"lock order within class (?!nest_test )",
    r"possible recursive locking",
]
FIRST_SEEN = r"^\[LOCKDEP\]   lock_test_a -> lock_test_b: first seen on core0: .*take_a_then_b\+"


def checked(board, n, repeat):
    defconfig, extra = BOARDS[board]
    return bootlib.Boot(
        name="%s-lockorder-smp%d" % (board, n), defconfig=defconfig,
        config=config(board), vars=dict(extra, SMP=str(n)),
        cmdline="ktest poweroff", timeout=300, ktap=True, repeat=repeat,
        expect=[CYCLE, CYCLE_LINE, FIRST_SEEN],
        forbid=[r"PANIC on CPU", r"out of .*lock-order checking turned off"] + UNEXPECTED)


def expected_panic(board, suite, n, lines):
    defconfig, extra = BOARDS[board]
    return bootlib.Boot(
        name="%s-%s" % (board, suite.replace("_", "-")), defconfig=defconfig,
        config=config(board), vars=dict(extra, SMP=str(n)),
        cmdline="ktest=%s poweroff" % suite, timeout=120, status=1,
        expect=lines + [r"^Backtrace:$"])


def boots(quick):
    out = []
    for board in sorted(BOARDS):
        counts = [4] if quick else [1, 2, 4]
        for n in counts:
            out.append(checked(board, n, 1 if quick or n < 4 else 2))
        if quick:
            continue
        out.append(expected_panic(board, "lock_recursion", 2, [
            r"^PANIC on CPU 0: recursive lock of recursion_lock on CPU 0 at "
            r"test_recursive_acquire\+0x[0-9a-f]+ \(already taken at test_recursive_acquire\+"]))
        out.append(expected_panic(board, "lock_bad_unlock", 2, [
            r"^PANIC on CPU 0: unlock of stuck_lock on CPU 0, but CPU 1 holds it$",
            r"^\[PANIC\] core1 stopped"]))
        out.append(expected_panic(board, "lock_lockup", 2, [
            r"^\[LOCK\] possible deadlock: core0 has spun \d+ ms on lock stuck_lock, "
            r"held by core1 \(taken at hold_forever\+",
            r"^PANIC on CPU 0: spinlock lockup on stuck_lock$"]))
    return out
